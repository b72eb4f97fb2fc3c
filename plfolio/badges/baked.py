"""Badges baked into images, as Badgr and Canvas Credentials issue them (Open Badges 2.0).

PNG: an ``iTXt`` chunk with keyword ``openbadges`` holding the assertion JSON (or its URL).
SVG: an ``<openbadges:assertion>`` element (namespace http://openbadges.org) holding the JSON, with
the assertion URL in its ``verify`` attribute. Files are read, never rewritten.
"""

from __future__ import annotations

import re
import struct
import zlib
from xml.etree import ElementTree

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
OB_NAMESPACE = "http://openbadges.org"


class BakedBadgeError(ValueError):
    """Not a baked badge, or a damaged one."""


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    if not data.startswith(PNG_SIGNATURE):
        raise BakedBadgeError("not a PNG image")
    chunks, pos = [], len(PNG_SIGNATURE)
    while pos < len(data):
        if pos + 8 > len(data):
            raise BakedBadgeError("the PNG is cut short")
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc = data[pos + 8 + length:pos + 12 + length]
        if len(body) != length or len(crc) != 4:
            raise BakedBadgeError("the PNG is cut short")
        if struct.unpack(">I", crc)[0] != zlib.crc32(kind + body) & 0xFFFFFFFF:
            raise BakedBadgeError(f"the PNG's {kind.decode('latin-1')} chunk is damaged (bad CRC)")
        chunks.append((kind, body))
        pos += 12 + length
        if kind == b"IEND":
            break
    return chunks


def png_assertion(data: bytes) -> str:
    """The text baked into a PNG badge (assertion JSON or URL)."""
    for kind, body in png_chunks(data):
        if kind != b"iTXt":
            continue
        keyword, _, rest = body.partition(b"\0")
        if keyword != b"openbadges":
            continue
        compressed = rest[0]  # then one byte of compression method, which only zlib (0) exists for
        rest = rest[2:]
        _language, _, rest = rest.partition(b"\0")
        _translated, _, text = rest.partition(b"\0")
        try:
            return (zlib.decompress(text) if compressed else text).decode("utf-8")
        except (zlib.error, UnicodeDecodeError):
            raise BakedBadgeError("the PNG's openbadges text cannot be read") from None
    raise BakedBadgeError("the PNG has no baked openbadges assertion")


def bake_png(data: bytes, assertion: str) -> bytes:
    """Bake ``assertion`` into a PNG the way Badgr does: an uncompressed iTXt chunk before IEND."""
    chunks = [c for c in png_chunks(data) if not (c[0] == b"iTXt" and c[1].startswith(b"openbadges\0"))]
    body = b"openbadges\0\0\0\0\0" + assertion.encode("utf-8")
    itxt = (b"iTXt", body)
    out = PNG_SIGNATURE
    for kind, chunk in chunks[:-1] + [itxt] + chunks[-1:]:
        out += struct.pack(">I", len(chunk)) + kind + chunk + struct.pack(">I", zlib.crc32(kind + chunk) & 0xFFFFFFFF)
    return out


def svg_assertion(data: bytes) -> str:
    """The assertion baked into an SVG badge (element text, else its verify URL)."""
    if re.search(rb"<!DOCTYPE|<!ENTITY", data, re.IGNORECASE):
        raise BakedBadgeError("the SVG declares a DOCTYPE or entities, which are refused")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as err:
        raise BakedBadgeError(f"not a readable SVG ({err})") from None
    element = root.find(f".//{{{OB_NAMESPACE}}}assertion")
    if element is None:
        raise BakedBadgeError("the SVG has no openbadges:assertion")
    text = (element.text or "").strip()
    if text:
        return text
    if element.get("verify"):
        return element.get("verify", "")
    raise BakedBadgeError("the SVG's openbadges:assertion is empty")


def bake_svg(svg: str, assertion: str, verify_url: str) -> str:
    """Bake an assertion into an SVG the way Badgr does, right after the root element opens."""
    from html import escape

    element = (f'<openbadges:assertion verify="{escape(verify_url)}"><![CDATA[{assertion}]]>'
               "</openbadges:assertion>")
    svg = re.sub(r"<svg\b", f'<svg xmlns:openbadges="{OB_NAMESPACE}"', svg, count=1)
    return re.sub(r"(<svg\b[^>]*>)", r"\1" + element.replace("\\", "\\\\"), svg, count=1)
