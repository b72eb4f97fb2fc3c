"""Ed25519 keys and did:key identifiers: the teacher's issuer identity, kept on their own disk."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ED25519_PUB = b"\xed\x01"  # multicodec prefix for an Ed25519 public key
ED25519_PRIV = b"\x80\x26"  # multicodec prefix for an Ed25519 private key (seed)
ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58encode(data: bytes) -> str:
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = ALPHABET[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def b58decode(text: str) -> bytes:
    n = 0
    for ch in text:
        if ch not in ALPHABET:
            raise ValueError(f"{ch!r} is not a base58 character")
        n = n * 58 + ALPHABET.index(ch)
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def multibase(data: bytes) -> str:
    return "z" + b58encode(data)


def from_multibase(text: str) -> bytes:
    if not text.startswith("z"):
        raise ValueError("only base58btc multibase ('z...') is supported")
    return b58decode(text[1:])


def public_multibase(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return multibase(ED25519_PUB + raw)


def public_key_from_multibase(text: str) -> Ed25519PublicKey:
    data = from_multibase(text)
    if data[:2] != ED25519_PUB or len(data) != 34:
        raise ValueError("not an Ed25519 public key multibase")
    return Ed25519PublicKey.from_public_bytes(data[2:])


def private_key_from_multibase(text: str) -> Ed25519PrivateKey:
    data = from_multibase(text)
    if data[:2] != ED25519_PRIV or len(data) != 34:
        raise ValueError("not an Ed25519 secret key multibase")
    return Ed25519PrivateKey.from_private_bytes(data[2:])


def did_key(key: Ed25519PublicKey) -> str:
    return f"did:key:{public_multibase(key)}"


def verification_method(key: Ed25519PublicKey) -> str:
    mb = public_multibase(key)
    return f"did:key:{mb}#{mb}"


def resolve_verification_method(vm: str) -> Ed25519PublicKey:
    """The public key of a did:key verification method (other DID methods need the network)."""
    if not vm.startswith("did:key:"):
        raise ValueError(f"cannot resolve {vm} offline (only did:key)")
    did, _, fragment = vm.partition("#")
    mb = did.removeprefix("did:key:")
    if fragment and fragment != mb:
        raise ValueError(f"{vm}: the fragment does not match the key")
    return public_key_from_multibase(mb)


def load_or_create_key(path: Path) -> Ed25519PrivateKey:
    """The signing key at ``path``; created (mode 0600) on first use. Never exported."""
    if path.exists():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path} is not an Ed25519 key")
        return key
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
        fh.flush()
        os.fsync(fh.fileno())
    return key
