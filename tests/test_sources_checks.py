"""The sources file: every URL checked when it loads, one-line errors, warnings for what is doubtful."""

from __future__ import annotations

import pytest

from pipeline.collect.sources import SourcesError, load_sources


@pytest.mark.parametrize("url,reason", [
    ("http://example.com:99999/feed.xml", "Port out of range"),
    ("http://[::1/feed.xml", "Invalid IPv6 URL"),
    ("http://example.com/my feed.xml", "whitespace"),
    ("ftp://example.com/feed.xml", "scheme ftp:"),
    ("file:///etc/passwd", "scheme file:"),
    ("example.com/feed.xml", "scheme (none)"),
])
def test_a_bad_url_in_the_sources_file_is_one_line_naming_source_and_field(tmp_path, url, reason):
    path = tmp_path / "sources.yaml"
    path.write_text(f"sources:\n  - name: Good\n    feeds: [https://good.example/feed]\n"
                    f"  - name: Broken\n    feeds: ['https://ok.example/feed', '{url}']\n", encoding="utf-8")
    with pytest.raises(SourcesError) as raised:
        load_sources(path)
    message = str(raised.value)
    assert "source 'Broken'" in message and "'feeds'" in message and reason in message
    assert "\n" not in message


def test_a_sources_file_that_is_not_utf8_is_one_line(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_bytes("sources:\n  - name: Zürich\n    feeds: [https://z.example/feed]\n".encode("latin-1"))
    with pytest.raises(SourcesError, match=r"line 2: not UTF-8 text \(byte 0xfc\)"):
        load_sources(path)


def test_names_that_differ_only_by_whitespace_are_one_name(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - name: Wire\n    feeds: [https://a.example/feed]\n"
                    "  - name: 'Wire '\n    feeds: [https://b.example/feed]\n", encoding="utf-8")
    with pytest.raises(SourcesError, match="duplicate name"):
        load_sources(path)


def test_doubtful_sources_files_are_warned_about(tmp_path, caplog):
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n"
                    "  - name: One\n    feeds: [https://a.example/feed]\n    feeds: [https://b.example/feed]\n"
                    "  - name: Two\n    feeds: [https://b.example/feed, https://b.example/feed]\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="tracker.sources"):
        sources = load_sources(path)
    assert [s.feeds for s in sources] == [["https://b.example/feed"], ["https://b.example/feed"] * 2]
    messages = [r.getMessage() for r in caplog.records]
    assert any("line 4: key 'feeds' given twice" in m for m in messages), messages
    # The same feed under two sources, and (here) twice under the second: one warning each.
    assert sum("source 'Two'" in m and "also listed under source 'One'" in m for m in messages) == 2, messages
    caplog.clear()
    empty = tmp_path / "empty.yaml"
    empty.write_text("sources: []\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="tracker.sources"):
        assert load_sources(empty) == []
    assert "'sources:' is empty" in caplog.text
