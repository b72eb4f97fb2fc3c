// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  // Live pick-up: when files change on disk, offer a refresh instead of reloading under the teacher's typing.
  var source = document.body.getAttribute("data-events");
  if (source && window.EventSource) {
    var events = new EventSource(source);
    events.onopen = function () { window.__plfolioEvents = "open"; };
    events.addEventListener("change", function () {
      var banner = document.getElementById("changed");
      if (banner) { banner.hidden = false; }
    });
  }
  // Drag and drop onto a file input's drop zone.
  document.querySelectorAll("[data-dropzone]").forEach(function (zone) {
    var input = zone.querySelector("input[type=file]");
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      if (input && e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        var list = zone.querySelector("[data-filelist]");
        if (list) {
          list.textContent = Array.prototype.map.call(input.files, function (f) { return f.name; }).join(", ");
        }
      }
    });
  });
  // Confirm before moving something to the trash.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { e.preventDefault(); }
    });
  });
})();
