"""Detached Ed25519 signatures of published files (results.json), and checking them.

A private key is given as the base64 of its 32-byte seed or as a PEM (PKCS#8); the public key
is handed out as a PEM (SubjectPublicKeyInfo), which ``openssl pkeyutl -verify`` reads. A
signature is the raw 64 bytes, as ``openssl pkeyutl -sign -rawin`` writes it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from parindex.core.problems import InputError, Problem

SIGNATURE_BYTES = 64


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_line(data: bytes, name: str) -> str:
    """The line ``sha256sum`` writes (and ``sha256sum -c`` checks)."""
    return f"{sha256_hex(data)}  {name}\n"


def private_key(text: str, where: str = "PARINDEX_SIGNING_KEY") -> Ed25519PrivateKey:
    """The signing key from its text: base64 of the 32-byte seed, or a PEM private key."""
    text = text.strip()
    if text.startswith("-----BEGIN"):
        try:
            key = serialization.load_pem_private_key(text.encode("ascii"), password=None)
        except (ValueError, TypeError) as exc:
            raise InputError([Problem(f"Khóa ký không đọc được ({exc})", file=where)]) from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise InputError([Problem("Khóa ký phải là khóa Ed25519", file=where)])
        return key
    try:
        seed = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InputError(
            [Problem("Khóa ký phải là base64 của 32 byte hoặc một khóa PEM", file=where)]
        ) from exc
    if len(seed) != 32:
        raise InputError([Problem(f"Khóa ký phải dài 32 byte, ở đây {len(seed)} byte", file=where)])
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_pem(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def fingerprint(public_key_pem: str) -> str:
    """SHA-256 of the key's PEM file as served, in hex: the key's name on pages, which anyone
    checks with ``sha256sum khoa-cong-khai.pem`` (or ``certutil -hashfile … SHA256``)."""
    return sha256_hex(public_pem(public_key(public_key_pem)).encode("ascii"))


def public_key(pem: str, where: str = "khóa công khai") -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem.encode("ascii"))
    except (ValueError, TypeError, UnicodeEncodeError) as exc:
        raise InputError([Problem("Khóa công khai không đọc được (cần PEM)", file=where)]) from exc
    if not isinstance(key, Ed25519PublicKey):
        raise InputError([Problem("Khóa công khai phải là khóa Ed25519", file=where)])
    return key


def sign(data: bytes, key: Ed25519PrivateKey) -> bytes:
    return key.sign(data)


def signature_holds(data: bytes, signature: bytes, public_key_pem: str) -> bool:
    """True when ``signature`` is the key's signature of exactly these bytes."""
    key = public_key(public_key_pem)
    if len(signature) != SIGNATURE_BYTES:
        return False
    try:
        key.verify(signature, data)
    except InvalidSignature:
        return False
    return True


def verify_files(data_path: Path, signature_path: Path, key_path: Path) -> bool:
    """The CLI's check: read the three files; a located InputError when one cannot be read."""
    texts: dict[str, bytes] = {}
    for label, path in (("data", data_path), ("sig", signature_path), ("key", key_path)):
        try:
            texts[label] = path.read_bytes()
        except OSError as exc:
            raise InputError(
                [Problem(f"Không đọc được tệp ({exc.strerror})", file=str(path))]
            ) from exc
    try:
        pem = texts["key"].decode("ascii")
    except UnicodeDecodeError as exc:
        raise InputError([Problem("Khóa công khai không phải PEM", file=str(key_path))]) from exc
    public_key(pem, str(key_path))
    return signature_holds(texts["data"], texts["sig"], pem)
