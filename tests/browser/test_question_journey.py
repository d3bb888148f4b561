"""The Governor Responds, in a real browser: a citizen asks a question (similar questions shown
while typing and before publishing), another supports it, staff open a round and select it, an
official answers with a video link and its transcript, and the citizen reads the answer. Every
page goes through axe."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from cocreate.dialogue.models import Question, QuestionStatus
from tests import factories
from tests.dialogue.questions_factories import ask, dialogue_space

expect = pytest.importorskip("playwright.sync_api", reason="Python Playwright is not installed").expect

pytestmark = pytest.mark.browser


@pytest.fixture
def governor(db):
    space, staff = dialogue_space(title="O Governador Responde", slug="governador-responde")
    ask(space, title="When will the bus lines to Canoas run again after the floods?")
    return space, staff


def test_a_question_is_asked_supported_selected_answered_and_read(page, axe_check, sign_in, sign_out, governor):
    space, staff = governor
    citizen = factories.PersonFactory(display_name="Lúcia Fernandes")
    supporter = factories.PersonFactory(display_name="João Machado")

    # A citizen asks, seeing the similar question while typing and on the preview.
    sign_in(page, citizen)
    page.goto(space.get_absolute_url())
    axe_check(page, "the dialogue space page")
    page.locator("main").get_by_role("link", name="Ask a question").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask a question")
    axe_check(page, "the question form")
    page.get_by_label("Your question").press_sequentially("Which bus lines to Canoas return first?")
    similar = page.locator("#similar-questions")
    expect(similar.get_by_role("link", name=re.compile("bus lines to Canoas run again"))).to_be_visible()
    axe_check(page, "the question form showing similar questions")
    page.get_by_role("button", name="Preview and check for similar questions").click()
    expect(page.get_by_role("region", name="Check your question before you publish it")).to_be_visible()
    expect(page.get_by_role("region", name="Similar questions already asked")).to_contain_text("Canoas")
    axe_check(page, "the question preview")
    page.get_by_role("button", name="Publish your question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Which bus lines to Canoas return first?")
    axe_check(page, "the new question's page")
    question = Question.objects.get(title="Which bus lines to Canoas return first?")
    sign_out(page)

    # Another person supports it, in place.
    sign_in(page, supporter)
    page.goto(question.get_absolute_url())
    axe_check(page, "the question page")
    box = page.locator("#support-box")
    box.get_by_role("button", name="Support this question").click()
    expect(box.get_by_role("status")).to_have_text("Thank you for your support.")
    expect(box.locator(".support-count")).to_have_text("1")
    axe_check(page, "the question page after supporting")
    sign_out(page)

    # Staff open a round and select the question.
    sign_in(page, staff)
    page.goto(space.get_absolute_url())
    page.locator("main").get_by_role("link", name="Select and answer questions").click()
    axe_check(page, "the selection rounds")
    day = timezone.localdate() + timedelta(days=7)
    page.get_by_label("Selection date").fill(day.isoformat())
    page.get_by_label("How many questions to select").fill("1")
    page.get_by_role("button", name="Open the round").click()
    expect(page.get_by_role("status")).to_contain_text("The selection round is open")
    axe_check(page, "the selection rounds with a round open")
    page.get_by_role("link", name=re.compile("Choose the questions of")).click()
    axe_check(page, "choosing the questions of a round")
    page.get_by_label(re.compile("Which bus lines to Canoas return first")).check()
    page.get_by_label(re.compile("run again after the floods")).uncheck()
    page.get_by_role("button", name="Select these questions").click()
    expect(page.get_by_role("status")).to_contain_text("The questions are selected")
    axe_check(page, "the rounds after selecting")
    assert Question.objects.get(pk=question.pk).status == QuestionStatus.SELECTED

    # The official answers, with a video link and its transcript (an insecure link is refused first).
    page.get_by_role("link", name=re.compile("Answer “Which bus lines")).click()
    axe_check(page, "the answer form")
    page.get_by_label("Answer", exact=True).fill("The lines to Canoas return first, from 1 March, every 15 minutes.")
    page.get_by_label("Video link (optional)").fill("http://video.example/canoas")
    page.get_by_label("Transcript of the video (optional)").fill("Good evening, Lúcia. The lines return on 1 March.")
    page.get_by_role("button", name="Publish the answer").click()
    expect(page.locator(".error-summary")).to_contain_text("must be secure")
    axe_check(page, "the answer form with an error")
    page.get_by_label("Video link (optional)").fill("https://video.example/canoas")
    page.get_by_role("button", name="Publish the answer").click()
    expect(page.get_by_role("status")).to_contain_text("The answer is published")
    axe_check(page, "the answered question, seen by the official")
    sign_out(page)

    # The citizen reads the answer, the video link and the transcript.
    sign_in(page, citizen)
    page.goto(question.get_absolute_url())
    answer = page.get_by_role("region", name="The official answer")
    expect(answer).to_contain_text("from 1 March")
    expect(answer.get_by_role("link", name=re.compile("Watch the answer on video"))).to_have_attribute(
        "href", "https://video.example/canoas"
    )
    answer.get_by_text("Read the transcript of the video").click()
    expect(answer).to_contain_text("Good evening, Lúcia.")
    axe_check(page, "the answer read by the citizen")
    page.goto(f"/en/spaces/{space.slug}/questions/answer-times/")
    expect(page.get_by_role("heading", level=1)).to_have_text("How quickly questions are answered")
    axe_check(page, "the answer times")
    page.goto(f"/en/spaces/{space.slug}/questions/?status=answered")
    expect(page.locator("main")).to_contain_text("Which bus lines to Canoas return first?")
    axe_check(page, "the answered questions")


def test_without_javascript_similar_questions_show_on_preview_and_support_is_a_form(
    page_without_javascript, axe_check, sign_in, governor
):
    page = page_without_javascript
    space, _staff = governor
    existing = Question.objects.get(space=space)
    sign_in(page, factories.PersonFactory())
    page.goto(f"/en/spaces/{space.slug}/questions/ask/")
    axe_check(page, "the question form without JavaScript")
    page.get_by_label("Your question").fill("Bus lines to Canoas: which return first?")
    page.get_by_role("button", name="Preview and check for similar questions").click()
    similar = page.get_by_role("region", name="Similar questions already asked")
    similar.get_by_role("link", name=existing.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(existing.title)
    axe_check(page, "the similar question, reached from the preview")
    page.get_by_role("button", name="Support this question").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you for your support.")
    expect(page.locator("#support-box .support-count")).to_have_text("1")
    axe_check(page, "the question page after supporting without JavaScript")
    assert not Question.objects.filter(title="Bus lines to Canoas: which return first?").exists()
