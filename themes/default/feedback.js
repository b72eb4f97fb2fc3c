// Mentor feedback inside the exported site: kept in this browser's storage while writing, then
// downloaded as the same TOML feedback file that `plfolio review` writes. No network, works from file://.
(function () {
  "use strict";
  var form = document.getElementById("feedback-form");
  if (!form) { return; }
  var key = "plfolio-feedback:" + (form.getAttribute("data-owner") || "portfolio");
  var list = document.getElementById("fb-list");
  var status = document.getElementById("fb-status");
  var storage = null;
  try { storage = window.localStorage; storage.getItem(key); } catch (e) { storage = null; }
  var state = { author: "", items: [] };
  try { state = JSON.parse((storage && storage.getItem(key)) || "null") || state; } catch (e) { /* keep empty */ }
  function save() { if (storage) { storage.setItem(key, JSON.stringify(state)); } }
  function uuid() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return "xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx".replace(/x/g, function () {
      return (Math.random() * 16 | 0).toString(16);
    });
  }
  function label(value) {
    var option = form.querySelector("#fb-about option[value=\"" + value.replace(/"/g, "") + "\"]");
    return option ? option.textContent : value;
  }
  function render() {
    list.textContent = "";
    state.items.forEach(function (item) {
      var li = document.createElement("li");
      li.textContent = item.kind + " on " + label(item.about) + ": " + item.body;
      list.appendChild(li);
    });
    document.getElementById("fb-author").value = state.author || "";
  }
  function tomlString(s) {
    return "\"" + String(s).replace(/\\/g, "\\\\").replace(/"/g, "\\\"").replace(/\r?\n/g, "\\n")
      .replace(/[\u0000-\u001f]/g, function (c) { return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4); }) + "\"";
  }
  function toToml() {
    var now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    var lines = ["# Feedback on a PLfolio portfolio. Send this file back to the teacher.",
      "format = \"plfolio-feedback/1\"", "author = " + tomlString(state.author), "role = \"mentor\"",
      "created = " + now, "portfolio_owner = " + tomlString(form.getAttribute("data-owner") || ""), ""];
    state.items.forEach(function (item) {
      lines.push("[[feedback]]", "id = " + tomlString(item.id), "about = " + tomlString(item.about),
        "kind = " + tomlString(item.kind), "date = " + item.date, "body = " + tomlString(item.body), "");
    });
    return lines.join("\n");
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var body = form.body.value.trim();
    state.author = form.author.value.trim();
    if (!state.author || !body) { status.textContent = "Write your name and some feedback first."; return; }
    state.items.push({ id: "urn:uuid:" + uuid(), about: form.about.value, kind: form.kind.value, body: body,
                       date: new Date().toISOString().slice(0, 10) });
    form.body.value = "";
    save();
    render();
    status.textContent = "Added. It stays in this browser until you download it or start over.";
  });
  document.getElementById("fb-download").addEventListener("click", function () {
    if (!state.items.length) { status.textContent = "Nothing to download yet."; return; }
    var blob = new Blob([toToml()], { type: "application/toml" });
    var a = document.createElement("a");
    var who = (state.author || "mentor").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    a.href = URL.createObjectURL(blob);
    a.download = "feedback-" + who + "-" + new Date().toISOString().slice(0, 10) + ".toml";
    document.body.appendChild(a);
    a.click();
    a.remove();
    status.textContent = "Downloaded. Send the file to the teacher.";
  });
  document.getElementById("fb-clear").addEventListener("click", function () {
    if (window.confirm("Remove the feedback stored in this browser?")) {
      state = { author: state.author, items: [] };
      save();
      render();
    }
  });
  render();
})();
