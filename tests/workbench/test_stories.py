"""Story pages: an article's coverage side by side, fact by fact; role checks and unknown ids."""
from __future__ import annotations

from tests.factories import seed


def test_story_page_needs_login(client, runner):
    articles = seed(runner)
    response = client.get(f"/articles/{articles['003'].id}/story")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_story_page_lists_the_translation_and_their_facts(client, login_as, runner):
    articles = seed(runner)
    login_as("reviewer")
    html = client.get(f"/articles/{articles['003'].id}/story").get_data(as_text=True)
    assert "2 articles on the same story" in html
    assert f'href="/articles/{articles["002"].id}"' in html  # the German press release of the English original
    assert '<table class="story-facts">' in html and "<td>yes</td>" in html  # agreeing facts side by side
    assert f'href="/articles/{articles["004"].id}"' not in html  # another story


def test_article_without_a_story_says_so(client, login_as, runner):
    articles = seed(runner)
    login_as("reviewer")
    html = client.get(f"/articles/{articles['001'].id}/story").get_data(as_text=True)
    assert "No other stored article tells this story" in html


def test_unknown_article_story_is_404(client, login_as, runner):
    seed(runner)
    login_as("reviewer")
    response = client.get("/articles/999/story")
    assert response.status_code == 404 and b"There is no article 999." in response.data
