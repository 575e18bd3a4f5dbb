from lscp.core.richtext import clean, inline, plain, render


def test_headings_lists_links_and_emphasis_are_kept():
    html = (
        '<h2>Our year</h2><p>We <strong>did</strong> <em>this</em>: <a href="https://example.org/a">more</a></p>'
        "<ul><li>one</li></ul><ol><li>two</li></ol>"
    )
    cleaned = clean(html)
    for kept in ("<h2>Our year</h2>", "<strong>did</strong>", "<em>this</em>", "<li>one</li>", "<ol>"):
        assert kept in cleaned
    assert 'href="https://example.org/a"' in cleaned


def test_scripts_styles_handlers_and_other_tags_are_removed_but_their_words_kept():
    cleaned = clean(
        '<p style="color:red" onclick="steal()">Hello <img src=x onerror="alert(1)">'
        "<span>there</span></p><script>alert(1)</script><table><tr><td>cell</td></tr></table>"
    )
    assert "script" not in cleaned and "alert" not in cleaned
    assert "onclick" not in cleaned and "style" not in cleaned and "<img" not in cleaned
    assert "<span" not in cleaned and "<table" not in cleaned
    assert "there" in cleaned and "cell" in cleaned


def test_a_javascript_link_loses_its_address():
    cleaned = clean('<p><a href="javascript:alert(1)">click</a></p>')
    assert "javascript" not in cleaned and "click" in cleaned


def test_plain_text_becomes_paragraphs_at_blank_lines_and_is_escaped():
    assert clean("First line\nsecond line\n\nFewer than 5 (<5) & more") == (
        "<p>First line<br>second line</p><p>Fewer than 5 (&lt;5) &amp; more</p>"
    )


def test_nothing_stays_nothing():
    assert clean("") == "" and clean("   ") == ""


def test_render_cleans_again_what_was_stored_uncleaned():
    assert "<script" not in render("<p>ok</p><script>x()</script>")


def test_inline_runs_paragraphs_together_and_keeps_emphasis_and_links():
    html = '<p>First <strong>step</strong></p><p>then <a href="/x/">this</a></p><ul><li>and</li></ul>'
    assert str(inline(html)) == (
        'First <strong>step</strong> then <a href="/x/" rel="noopener noreferrer">this</a> and'
    )


def test_plain_leaves_only_the_words():
    assert plain("<p>Fewer than 5 (&lt;5) &amp; <em>more</em></p><script>x()</script>") == (
        "Fewer than 5 (<5) & more"
    )
