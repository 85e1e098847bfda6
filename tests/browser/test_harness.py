"""The harness itself: axe-core finds real violations and CSP violations are caught."""

import pytest

from tests.browser.helpers import assert_accessible


def test_assert_accessible_reports_violations(page):
    page.set_content(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head>'
        '<body><main><h1>Title</h1><img src="x.png"><input type="text"></main></body></html>'
    )
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    report = str(failure.value)
    assert "image-alt" in report
    assert "label" in report


@pytest.mark.django_db(transaction=True)
def test_inline_style_is_reported_as_csp_violation(live_server, page, csp_violations):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.evaluate(
        "() => { const s = document.createElement('style');"
        " s.textContent = 'body { color: red }'; document.head.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert any("Content Security Policy" in line for line in csp_violations), csp_violations
    csp_violations.clear()  # seen; don't fail the test in teardown
