"""`conformance import`: other projects' recordings (vcrpy / pytest-recording YAML and JSON,
gzipped, HAR; the fixture files are written here in those formats) become kit cassettes that
pass the kit's own suite; secrets are scrubbed, SDK disagreements are reported and never
written as expected, nothing is overwritten without --force."""

from __future__ import annotations

import base64
import gzip
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import conformance
from conformance.cli import main
from conformance.formats.cassettes import load_cassette, load_cassettes
from conformance.live.importer import features_of, import_paths, read_recordings, scenario_name, vendor_of
from conformance.suite.runner import reference_suite, run_suite
from tests._bundled import one_scenario

ANTHROPIC = one_scenario(load_cassettes(vendor="anthropic"), "tool_use")
OPENAI = one_scenario(load_cassettes(vendor="openai-chat"), "text")
GEMINI = one_scenario(load_cassettes(vendor="gemini"), "text")
BEDROCK = one_scenario(load_cassettes(vendor="bedrock-converse"), "text")
MODELS_URI = "https://api.anthropic.com/v1/models"
SIGV4 = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20251021/us-east-1/bedrock/aws4_request"
KEY = "sk-ant-api03-" + "Zx8" * 30  # shaped like an Anthropic key, as a project's recording leaks it


def vcr_interaction(
    uri: str,
    body: bytes | str,
    *,
    content_type: str = "text/event-stream",
    method: str = "POST",
    **headers: str,
) -> dict[str, Any]:
    """One interaction as vcrpy writes it (pytest-recording's default serializer is YAML)."""
    return {
        "request": {
            "body": '{"stream": true}',
            "headers": {"x-api-key": [KEY], "content-type": ["application/json"]},
            "method": method,
            "uri": uri,
        },
        "response": {
            "body": {"string": body},
            "headers": {
                "Content-Type": [content_type],
                **{k.replace("_", "-"): [v] for k, v in headers.items()},
            },
            "status": {"code": 200, "message": "OK"},
        },
    }


def write_vcr_yaml(path: Path, *interactions: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump({"interactions": list(interactions), "version": 1}), encoding="utf-8")
    return path


@pytest.fixture
def recordings(tmp_path: Path) -> Path:
    """A project's test recordings: a pytest-recording YAML cassette (a non-streamed call and an
    Anthropic stream vcrpy kept gzip-compressed, the key in a header and echoed in the body),
    a gzipped vcrpy JSON cassette (OpenAI), a HAR file (Gemini, the key in the URL; Bedrock
    frames base64-encoded)."""
    src = tmp_path / "project" / "cassettes"
    src.mkdir(parents=True)
    anthropic_body = ANTHROPIC.body.replace(b"toolu_01", f"toolu_{KEY}".encode(), 1)
    write_vcr_yaml(
        src / "test_weather_tool.yaml",
        vcr_interaction(MODELS_URI, '{"data": []}', content_type="application/json", method="GET"),
        vcr_interaction(
            "https://api.anthropic.com/v1/messages",
            gzip.compress(anthropic_body),
            content_encoding="gzip",
            request_id="req_011CU2aB9rTn4KxWq7YdLm3F",
        ),
    )  # fmt: skip
    vcr_json = {
        "interactions": [vcr_interaction("https://api.openai.com/v1/chat/completions", OPENAI.body.decode())]
    }
    (src / "test_openai.json.gz").write_bytes(gzip.compress(json.dumps(vcr_json).encode()))
    har = {
        "log": {
            "version": "1.2",
            "entries": [
                {
                    "request": {
                        "method": "POST",
                        "url": f"https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key={KEY}",
                        "headers": [{"name": "content-type", "value": "application/json"}],
                        "postData": {"mimeType": "application/json", "text": "{}"},
                    },
                    "response": {
                        "status": 200,
                        "headers": [{"name": "Content-Type", "value": "text/event-stream"}],
                        "content": {"mimeType": "text/event-stream", "text": GEMINI.body.decode()},
                    },
                },
                {
                    "request": {
                        "method": "POST",
                        "url": "https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.nova-lite-v1%3A0/converse-stream",
                        "headers": [{"name": "Authorization", "value": SIGV4}],
                    },
                    "response": {
                        "status": 200,
                        "headers": [{"name": "Content-Type", "value": "application/vnd.amazon.eventstream"}],
                        "content": {
                            "mimeType": "application/vnd.amazon.eventstream",
                            "text": base64.b64encode(BEDROCK.body).decode(),
                            "encoding": "base64",
                        },
                    },
                },
            ],
        }
    }  # fmt: skip
    (src / "session.har").write_text(json.dumps(har), encoding="utf-8")
    return src


def test_each_format_is_read_with_its_interactions(recordings: Path) -> None:
    yaml_recs = read_recordings(recordings / "test_weather_tool.yaml")
    assert [(r.method, r.interaction) for r in yaml_recs] == [("GET", 0), ("POST", 1)]
    assert yaml_recs[1].body.startswith(b"event: message_start")  # gzip undone
    (openai,) = read_recordings(recordings / "test_openai.json.gz")
    assert openai.body == OPENAI.body
    gemini, bedrock = read_recordings(recordings / "session.har")
    assert (gemini.body, bedrock.body) == (GEMINI.body, BEDROCK.body)


def test_vendors_are_told_by_the_endpoint(recordings: Path) -> None:
    found = [vendor_of(r) for p in sorted(recordings.iterdir()) for r in read_recordings(p)]
    assert found == ["gemini", "bedrock-converse", "openai-chat", None, "anthropic"]


def test_imported_cassettes_pass_the_kits_own_suite(recordings: Path, tmp_path: Path) -> None:
    out = tmp_path / "kit"
    results = import_paths(sorted(recordings.iterdir()), out)
    written = {r.path.relative_to(out).as_posix() for r in results if r.path is not None}
    assert written == {
        "anthropic/test_weather_tool.yaml",
        "openai-chat/test_openai.yaml",
        "gemini/session-0.yaml",
        "bedrock-converse/session-1.yaml",
    }
    cassettes = load_cassettes(out)
    for cassette in cassettes:
        assert cassette.expected is not None and cassette.expected.complete
        assert cassette.provenance is not None and cassette.provenance.startswith("sdk:")
        results = list(run_suite(reference_suite(cassette.vendor), cassettes=[cassette]))
        assert results and {r.outcome for r in results} <= {"passed", "skipped"}, cassette.id


def test_imported_metadata_names_the_source_and_the_features(recordings: Path, tmp_path: Path) -> None:
    import_paths([recordings / "test_weather_tool.yaml"], tmp_path / "kit")
    cassette = load_cassette(tmp_path / "kit" / "anthropic" / "test_weather_tool.yaml")
    assert cassette.metadata["source"] == f"{recordings / 'test_weather_tool.yaml'}#interaction=1"
    assert cassette.features == {"tool_calls", "usage", "keepalive"}
    assert cassette.expected == conformance.parse("anthropic", [cassette.body])


def test_secrets_are_scrubbed_wherever_they_were(recordings: Path, tmp_path: Path) -> None:
    import_paths(sorted(recordings.iterdir()), tmp_path / "kit")
    for path in (tmp_path / "kit").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert KEY not in text and "AKIAIOSFODNN7EXAMPLE" not in text, path
        cassette = load_cassette(path)
        assert KEY.encode() not in cassette.body
        assert not {h.lower() for h in cassette.request_headers} & {"x-api-key", "authorization"}
    gemini = load_cassette(tmp_path / "kit" / "gemini" / "session-0.yaml")
    assert "key=%3Cscrubbed%3E" in gemini.uri or "key=<scrubbed>" in gemini.uri


def test_nothing_is_overwritten_without_force(recordings: Path, tmp_path: Path) -> None:
    out = tmp_path / "kit"
    import_paths([recordings / "test_openai.json.gz"], out)
    target = out / "openai-chat" / "test_openai.yaml"
    target.write_text("mine", encoding="utf-8")
    (again,) = import_paths([recordings / "test_openai.json.gz"], out)
    assert again.path is None and "exists" in again.skipped
    assert target.read_text(encoding="utf-8") == "mine"
    (forced,) = import_paths([recordings / "test_openai.json.gz"], out, force=True)
    assert forced.path == target and load_cassette(target).vendor == "openai-chat"


def chunk(**fields: Any) -> str:
    base = {"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "gpt-5", "choices": []}
    return "data: " + json.dumps({**base, **fields}) + "\n\n"


def test_an_sdk_disagreement_is_reported_and_never_written_as_expected(tmp_path: Path) -> None:
    # As OpenAI streams a moderation chunk after the usage chunk: `usage: null` there makes the
    # openai SDK drop the usage reported, which the reference parser keeps.
    body = (
        chunk(choices=[{"index": 0, "delta": {"content": "Hi"}, "finish_reason": "stop"}])
        + chunk(usage={"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4})
        + chunk(usage=None, moderation={"flagged": False})
        + "data: [DONE]\n\n"
    )
    source = write_vcr_yaml(
        tmp_path / "moderation.yaml", vcr_interaction("https://api.openai.com/v1/chat/completions", body)
    )
    (result,) = import_paths([source], tmp_path / "kit")
    assert result.path is not None
    assert result.disagreements == [
        "usage: ours {'input_tokens': 3, 'output_tokens': 1, 'total_tokens': 4} != sdk None"
    ]
    cassette = load_cassette(result.path)
    assert cassette.expected is None and cassette.provenance is None
    assert {r.outcome for r in run_suite(reference_suite("openai-chat"), cassettes=[cassette])} == {"passed"}


def test_a_vendor_no_sdk_reads_gets_reference_provenance_and_a_warning(tmp_path: Path) -> None:
    nova = one_scenario(load_cassettes(vendor="bedrock-invoke"), "nova_text")
    source = write_vcr_yaml(
        tmp_path / "nova.yaml",
        vcr_interaction(
            "https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.nova-micro-v1:0/invoke-with-response-stream",
            nova.body,
            content_type="application/vnd.amazon.eventstream",
        ),
    )
    (result,) = import_paths([source], tmp_path / "kit")
    assert (result.vendor, result.provenance) == ("bedrock-invoke", "reference")
    assert "review it by hand" in result.warnings[0]


def test_a_body_that_is_not_the_vendors_stream_is_skipped_with_the_reason(tmp_path: Path) -> None:
    source = write_vcr_yaml(
        tmp_path / "broken.yaml", vcr_interaction("https://api.anthropic.com/v1/messages", "data: {oops}\n\n")
    )
    (result,) = import_paths([source], tmp_path / "kit")
    assert result.path is None and "does not read as a anthropic stream" in result.skipped
    assert not (tmp_path / "kit").exists() or not list((tmp_path / "kit").rglob("*.yaml"))


def test_a_file_that_is_no_recording_is_reported_not_fatal(tmp_path: Path) -> None:
    junk = tmp_path / "notes.yaml"
    junk.write_text("just: notes\n", encoding="utf-8")
    (result,) = import_paths([junk], tmp_path / "kit")
    assert "not a vcrpy cassette" in result.skipped


def test_scenario_names_come_from_the_file_and_the_interaction() -> None:
    (rec,) = read_recordings_of("test weird name!.yaml.gz")
    assert scenario_name(rec, several=False) == "test_weird_name"
    assert scenario_name(rec, several=True) == "test_weird_name-0"


def read_recordings_of(name: str) -> list[Any]:
    from conformance.live.importer import Recording

    return [Recording(name, 0, "POST", "https://x", {}, None, 200, {}, b"")]


def test_features_are_read_off_the_message_and_the_body() -> None:
    web = one_scenario(load_cassettes(vendor="anthropic"), "web_search")
    assert set(features_of(web.expected or conformance.Message("x"), web.body, "anthropic")) == {
        "text",
        "usage",
        "server_tools",
        "citations",
        "non_ascii",
    }


def test_the_command_writes_and_reports(
    recordings: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "kit"
    assert main(["import", str(recordings), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert (
        f"wrote {out / 'anthropic' / 'test_weather_tool.yaml'} (anthropic, expected: sdk:anthropic==" in text
    )
    assert "4 cassette(s) written" in text and f"pytest --conformance-cassettes {out}" in text
    assert main(["import", str(recordings), "--out", str(out)]) == 1  # all exist: nothing written
    assert "exists (use --force to overwrite)" in capsys.readouterr().out


def test_an_error_stream_the_sdk_raises_on_with_the_same_error_keeps_its_expected(tmp_path: Path) -> None:
    overloaded = one_scenario(load_cassettes(vendor="anthropic"), "error_overloaded")
    source = write_vcr_yaml(
        tmp_path / "overloaded.yaml",
        vcr_interaction("https://api.anthropic.com/v1/messages", overloaded.body),
    )
    (result,) = import_paths([source], tmp_path / "kit")
    assert result.disagreements == [] and result.provenance is not None
    assert result.provenance.startswith("sdk:anthropic==")
    assert result.warnings == [
        "the SDK raised APIStatusError: Overloaded (path: /v1/messages, type: overloaded_error), "
        "with the error the reference parser reports"
    ]
    assert load_cassette(result.path or tmp_path).expected == overloaded.expected


def test_an_sdk_that_crashes_on_a_body_vouches_for_nothing(tmp_path: Path) -> None:
    cut = one_scenario(load_cassettes(vendor="gemini"), "truncated")
    uri = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"
    source = write_vcr_yaml(tmp_path / "cut.yaml", vcr_interaction(uri, cut.body))
    (result,) = import_paths([source], tmp_path / "kit")
    assert result.path is not None and result.disagreements
    assert result.disagreements[0].startswith("the SDK")
    assert load_cassette(result.path).expected is None
