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


def _with_inline_styles(route):
    """The page as the server sends it, plus an inline style attribute and element."""
    response = route.fetch()
    body = response.text().replace(
        "</main>", '<p style="color: red">x</p><style>p { color: red }</style></main>'
    )
    route.fulfill(response=response, body=body)


@pytest.mark.django_db(transaction=True)
def test_inline_style_is_reported_as_csp_violation(live_server, page, csp_violations):
    page.route("**/en/accounts/login/", _with_inline_styles)
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.wait_for_timeout(200)
    assert any("style-src-attr" in line for line in csp_violations), csp_violations
    assert any("style-src-elem" in line for line in csp_violations), csp_violations
    csp_violations.clear()  # seen; don't fail the test in teardown


@pytest.mark.django_db(transaction=True)
def test_a_script_injecting_a_style_is_reported(live_server, page, csp_violations):
    def inject(route):
        route.fulfill(
            content_type="text/javascript",
            body="document.body.setAttribute('style', 'color: red');",
        )

    page.route("**/static/injected.js", inject)

    def with_script(route):
        response = route.fetch()
        body = response.text().replace(
            "</body>", '<script src="/static/injected.js"></script></body>'
        )
        route.fulfill(response=response, body=body)

    page.route("**/en/accounts/login/", with_script)
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.wait_for_timeout(200)
    assert any("injected.js" in line for line in csp_violations), csp_violations
    csp_violations.clear()


@pytest.mark.django_db(transaction=True)
def test_axe_core_loading_an_imported_stylesheet_is_not_the_pages_violation(
    live_server, page, csp_violations
):
    """axe-core re-parses `@import` rules as <style> elements, which the CSP refuses; that is
    the checker's doing, not the page's, and is not counted."""

    def with_import(route):
        response = route.fetch()
        body = response.text().replace(
            "</head>", '<link rel="stylesheet" href="/static/admin/css/forms.css"></head>'
        )
        route.fulfill(response=response, body=body)

    page.route("**/en/accounts/login/", with_import)
    page.goto(f"{live_server.url}/en/accounts/login/")
    assert_accessible(page)
    assert csp_violations == []
