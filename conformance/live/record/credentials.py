"""This run's credentials for each vendor: which variables hold a key (`CREDENTIALS`), how a
key is sent (a header, a bearer token, an AWS SigV4 signature), and which parts of what is
sent are secret, so that scrubbing can remove them by value."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from conformance.errors import ConformanceError
from conformance.live.scrub import (
    MIN_SECRET_CHARS,
)


class RecordTargetError(ConformanceError):
    """A recording has nowhere it may be written (no path, or inside the installed package)."""


class MissingKeyError(ConformanceError):
    """The vendor's credentials are not in the environment (or cannot be used safely)."""


SignRequest = Callable[[str, str, Mapping[str, str], bytes], dict[str, str]]
"""(method, url, headers, body) -> the auth headers to add for this request."""


@dataclass(frozen=True)
class Credentials:
    """This run's credentials for one vendor: how to authenticate a request, and every
    secret value (labelled by its source) that must never be written."""

    vendor: str
    secrets: dict[str, str]
    sign: SignRequest


def _usable(name: str, value: str) -> str:
    if len(value) < MIN_SECRET_CHARS:
        raise MissingKeyError(
            f"{name} is {len(value)} characters long: too short to be scrubbed by value from "
            f"what is written (at least {MIN_SECRET_CHARS})"
        )
    return value


@dataclass(frozen=True)
class ApiKey:
    """A key from the first set variable of `env`, sent as `header: <prefix><key>`."""

    env: tuple[str, ...]
    header: str
    prefix: str = ""

    def load(self, vendor: str, env: Mapping[str, str]) -> Credentials:
        for name in self.env:
            if env.get(name):
                key = _usable(name, env[name])
                headers = {self.header: self.prefix + key}
                return Credentials(vendor, {name: key}, lambda *_, sent=headers: dict(sent))
        raise MissingKeyError(f"set {' or '.join(self.env)} to record {vendor} cassettes")


@dataclass(frozen=True)
class NoAuth:
    """A server that takes no credentials (a local Ollama)."""

    def load(self, vendor: str, env: Mapping[str, str]) -> Credentials:
        return Credentials(vendor, {}, lambda *_: {})


@dataclass(frozen=True)
class AwsSigV4:
    """AWS Signature Version 4 (botocore's signer), from `AWS_ACCESS_KEY_ID` and
    `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`) or the profile `AWS_PROFILE` names.
    The region is the scenario host's (`bedrock-runtime.<region>.amazonaws.com`), else
    `AWS_REGION` / `AWS_DEFAULT_REGION`."""

    service: str = "bedrock"

    def load(self, vendor: str, env: Mapping[str, str]) -> Credentials:
        access, secret, token = (
            env.get("AWS_ACCESS_KEY_ID"),
            env.get("AWS_SECRET_ACCESS_KEY"),
            env.get("AWS_SESSION_TOKEN"),
        )
        if not (access and secret) and env.get("AWS_PROFILE"):
            access, secret, token = _profile_credentials(env["AWS_PROFILE"])
        if not (access and secret):
            raise MissingKeyError(
                "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) "
                f"to record {vendor} cassettes"
            )
        try:
            from botocore.auth import SigV4Auth  # type: ignore[import-untyped]
            from botocore.awsrequest import AWSRequest  # type: ignore[import-untyped]
            from botocore.credentials import Credentials as AwsCredentials  # type: ignore[import-untyped]
        except ImportError:
            raise MissingKeyError(
                f"recording {vendor} signs requests with botocore: pip install botocore"
            ) from None
        secrets = {"AWS_ACCESS_KEY_ID": _usable("AWS_ACCESS_KEY_ID", access)}
        secrets["AWS_SECRET_ACCESS_KEY"] = _usable("AWS_SECRET_ACCESS_KEY", secret)
        if token:
            secrets["AWS_SESSION_TOKEN"] = _usable("AWS_SESSION_TOKEN", token)
        signer_credentials = AwsCredentials(access, secret, token)
        default_region = env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "us-east-1"
        service = self.service

        def sign(method: str, url: str, headers: Mapping[str, str], body: bytes) -> dict[str, str]:
            match = _AWS_REGION_IN_HOST.search(urlsplit(url).netloc)
            region = match.group(1) if match else default_region
            request = AWSRequest(method=method, url=url, data=body, headers=dict(headers))
            SigV4Auth(signer_credentials, service, region).add_auth(request)
            return {k.lower(): v for k, v in request.headers.items() if k.lower() not in headers}

        return Credentials(vendor, secrets, sign)


_AWS_REGION_IN_HOST = re.compile(r"^bedrock-runtime(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com")


def _profile_credentials(profile: str) -> tuple[str | None, str | None, str | None]:
    try:
        import botocore.session  # type: ignore[import-untyped]
    except ImportError:
        return None, None, None
    try:
        found = botocore.session.Session(profile=profile).get_credentials()
    except Exception:  # botocore raises its own ProfileNotFound & co: all mean "none here"
        return None, None, None
    if found is None:
        return None, None, None
    frozen = found.get_frozen_credentials()
    return frozen.access_key, frozen.secret_key, frozen.token


# vendor -> how its requests are authenticated. Sources: each vendor's API reference,
# "Authentication"; Bedrock: AWS Signature Version 4. Vendors not listed send no credentials.
CREDENTIALS: dict[str, ApiKey | AwsSigV4 | NoAuth] = {
    "anthropic": ApiKey(("ANTHROPIC_API_KEY",), "x-api-key"),
    "openai-chat": ApiKey(("OPENAI_API_KEY",), "authorization", "Bearer "),
    "openai-responses": ApiKey(("OPENAI_API_KEY",), "authorization", "Bearer "),
    "gemini": ApiKey(("GEMINI_API_KEY", "GOOGLE_API_KEY"), "x-goog-api-key"),
    "gemini-interactions": ApiKey(("GEMINI_API_KEY", "GOOGLE_API_KEY"), "x-goog-api-key"),
    "gemini-array": ApiKey(("GEMINI_API_KEY", "GOOGLE_API_KEY"), "x-goog-api-key"),
    "mistral": ApiKey(("MISTRAL_API_KEY",), "authorization", "Bearer "),
    "cohere": ApiKey(("CO_API_KEY", "COHERE_API_KEY"), "authorization", "Bearer "),
    "cohere-v1": ApiKey(("CO_API_KEY", "COHERE_API_KEY"), "authorization", "Bearer "),
    "groq": ApiKey(("GROQ_API_KEY",), "authorization", "Bearer "),
    "deepseek": ApiKey(("DEEPSEEK_API_KEY",), "authorization", "Bearer "),
    "openrouter": ApiKey(("OPENROUTER_API_KEY",), "authorization", "Bearer "),
    "xai": ApiKey(("XAI_API_KEY",), "authorization", "Bearer "),
    "azure-openai": ApiKey(("AZURE_OPENAI_API_KEY",), "api-key"),
    "vllm": ApiKey(("VLLM_API_KEY",), "authorization", "Bearer "),
    # Vertex AI takes an OAuth 2.0 access token, as its REST docs send it:
    # `export VERTEX_ACCESS_TOKEN=$(gcloud auth print-access-token)`.
    "vertex": ApiKey(("VERTEX_ACCESS_TOKEN",), "authorization", "Bearer "),
    "bedrock-converse": AwsSigV4(),
    "bedrock-invoke": AwsSigV4(),
    "ollama": NoAuth(),
    "ollama-generate": NoAuth(),
}


def credentials(vendor: str, env: Mapping[str, str]) -> Credentials:
    """This run's credentials for `vendor`, or `MissingKeyError` naming what to set."""
    return CREDENTIALS.get(vendor, NoAuth()).load(vendor, env)


def key_headers(vendor: str, key: str) -> dict[str, str]:
    """The header carrying an API `key` the way `vendor` takes one (a bearer token for vendors
    that take no plain key: a server speaking their protocol, such as a probed gateway)."""
    auth = CREDENTIALS.get(vendor)
    if isinstance(auth, ApiKey):
        return {auth.header: auth.prefix + key}
    if isinstance(auth, NoAuth):
        return {}
    return {"authorization": f"Bearer {key}"}


SIGNED_NOT_SECRET = frozenset({"x-amz-date", "x-amz-content-sha256"})
"""SigV4 headers that are signed but secret to no one (a timestamp, the body's hash)."""


def signature_parts(value: str) -> list[tuple[str, str]]:
    """Secret parts of a credential header: the bearer token, a SigV4 signature."""
    parts = []
    if value.lower().startswith("bearer "):
        parts.append(("bearer token", value[7:].strip()))
    match = re.search(r"Signature=([0-9a-f]{16,})", value)
    if match:
        parts.append(("signature", match.group(1)))
    return [(label, part) for label, part in parts if len(part) >= MIN_SECRET_CHARS]
