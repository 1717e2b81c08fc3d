"""Password hashing with scrypt from the standard library, so the UI's login needs no extra dependency."""

from __future__ import annotations

import base64
import functools
import hashlib as _hashlib
import hmac
import secrets

_N, _R, _P = 2**14, 8, 1
_SCHEME = "scrypt"


def _derive(password: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    """The one place a password is hashed (tests count calls here to compare the work of two sign-ins)."""
    return _hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=dklen)


def hash_password(password: str) -> str:
    """A salted scrypt hash in one self-describing string: `scrypt$n$r$p$salt$hash`."""
    if not password:
        raise ValueError("password is empty")
    salt = secrets.token_bytes(16)
    digest = _derive(password, salt, _N, _R, _P, 32)
    encode = base64.b64encode
    return f"{_SCHEME}${_N}${_R}${_P}${encode(salt).decode()}${encode(digest).decode()}"


def check_password(password: str, stored: str | None) -> bool:
    """Whether the password matches the stored hash (constant-time; False for no or unknown hash)."""
    if not stored or not password:
        return False
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != _SCHEME:
            return False
        expected = base64.b64decode(digest)
        actual = _derive(password, base64.b64decode(salt), int(n), int(r), int(p), len(expected))
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


@functools.cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def burn_like_a_check(password: str) -> bool:
    """The work of check_password against a real hash, for an unknown email or a user without a password.

    Without it a sign-in for an email nobody has returns at once (4 ms against 70 ms), which tells an attacker
    which emails exist. Always False.
    """
    check_password(password, _dummy_hash())
    return False


def stamp(stored: str | None) -> str:
    """A short fingerprint of a stored hash: it changes whenever the password is set, so sessions can be revoked."""
    return _hashlib.sha256((stored or "").encode()).hexdigest()[:16]
