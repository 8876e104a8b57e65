"""Loading articles: the bundled dpa article, every input format, encodings and bad input."""

import json
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import BlickwinkelError, load_article, load_corpus
from helpers.article.structure import parse_date, split_sentences
from helpers.errors import ArticleError, BlickwinkelWarning

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "dpa_frankreich_russland_is.txt"
WIKINEWS = ROOT.parent / "shared" / "data" / "wikinews-quotes"

GERMAN = (
    "Berlin (dpa) - Die Bundesregierung hat am Montag neue Hilfen beschlossen. "
    "Das teilte ein Sprecher in Berlin mit.\n\n"
    "Die Opposition kritisierte die Pläne. Sie seien zu spät gekommen, sagte eine Sprecherin."
)


def assert_every_character_in_a_paragraph(article):
    covered = set()
    for paragraph in article.paragraphs:
        covered.update(range(paragraph.start, paragraph.end))
    lost = [i for i, char in enumerate(article.text) if not char.isspace() and i not in covered]
    assert lost == []


@pytest.fixture(scope="module")
def seed():
    return load_article(SEED)


def test_seed_metadata(seed):
    assert seed.id == "dpa_frankreich_russland_is"
    assert (seed.date, seed.date_precision) == ("2018-06", "month")
    assert seed.places == ("Paris", "Moskau", "Washington", "Brüssel")
    assert seed.agency == "dpa"
    assert seed.span(*seed.dateline) == "date 2018-06 Paris/Moskau/Washington/Brüssel (dpa) - "


def test_seed_lead(seed):
    assert seed.lead_text.startswith("Franzosen und Russen haben seit dem Zweiten Weltkrieg")
    assert seed.lead_text.endswith("Fragen und Antworten zum Thema im Überblick:")
    assert "Eine Zwangsehe?" in seed.lead_text


def test_seed_has_the_six_questions_each_with_its_answer(seed):
    titles = [section.title for section in seed.sections]
    assert titles == [
        "Was will Russland mit der Annäherung erreichen?",
        "Wie soll die Kooperation aus russischer Sicht aussehen?",
        "Waren Frankreich und Russland nicht gerade noch völlig zerstritten?",
        "Wie reagieren die USA auf den überraschenden Zug Russlands?",
        "Welche Rolle spielen die anderen europäischen Staaten, von denen Frankreich am Dienstag unter "
        "Berufung auf den EU-Vertrag militärische Unterstützung einforderte?",
        "Warum hat Frankreich nicht die Nato um Unterstützung gebeten?",
    ]
    assert all(section.is_question for section in seed.sections)
    answers = [[seed.paragraphs[i].kind for i in section.paragraph_indexes[1:]] for section in seed.sections]
    assert answers == [["body"]] * 6
    assert seed.span(seed.sections[3].start, seed.sections[3].end).endswith("grundsätzlich bereit sind.")


def test_seed_text_is_kept_and_fully_covered(seed):
    assert seed.text == SEED.read_text(encoding="utf-8")
    assert seed.text.startswith(" date 2018-06")
    assert_every_character_in_a_paragraph(seed)


def test_seed_locates_offsets(seed):
    cook = seed.text.index("Pentagonsprecher Peter Cook")
    place = seed.locate(cook)
    assert place["section_index"] == 4 and place["part"] == "body"
    assert seed.span(seed.sentences[place["sentence"]].start, seed.sentences[place["sentence"]].end) == (
        '"Wir stehen Seite an Seite mit den Franzosen", sagt Pentagonsprecher Peter Cook am Dienstag.'
    )
    assert seed.part_at(seed.text.index("Paris/")) == "dateline"
    assert seed.part_at(seed.text.index("Zwangsehe")) == "lead"
    assert seed.part_at(seed.text.index("Was will Russland")) == "question"


def test_sentences_keep_ordinals_abbreviations_and_quotes_together():
    text = "Er kam am 5. August an. „Wer war das?“, fragte Dr. Müller. Nun z.B. hier. „Gut.“ Dann ging er."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Er kam am 5. August an.",
        "„Wer war das?“, fragte Dr. Müller.",
        "Nun z.B. hier.",
        "„Gut.“",
        "Dann ging er.",
    ]


def test_plain_article_with_title_and_dateline():
    article = load_article("Hilfen beschlossen\n\n" + GERMAN, article_id="hilfen")
    assert article.title == "Hilfen beschlossen"
    assert article.id == "hilfen"
    assert (article.places, article.agency, article.date) == (("Berlin",), "dpa", None)
    assert article.lead_text.startswith("Die Bundesregierung hat am Montag")
    assert article.sections == ()
    assert [p.kind for p in article.paragraphs] == ["title", "lead", "body"]


def test_plain_article_without_dateline():
    article = load_article("Die Regierung hat neue Hilfen beschlossen. Das sagte ein Sprecher.")
    assert (article.places, article.agency, article.dateline) == ((), None, None)
    assert article.lead_text == article.text


def test_windows_line_ends_and_decomposed_umlauts_are_normalised(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("Mu\u0308nchen (dpa) - Erster Satz.\r\n\r\nZweiter Absatz hier.".encode("utf-8"))
    article = load_article(path)
    assert article.text == "München (dpa) - Erster Satz.\n\nZweiter Absatz hier."
    assert article.places == ("München",)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2018-06", ("2018-06", "month")),
        ("2015-11-17", ("2015-11-17", "day")),
        ("2015-11-17T10:30:00+01:00", ("2015-11-17", "day")),
        ("17.11.2015", ("2015-11-17", "day")),
        ("2015", ("2015", "year")),
    ],
)
def test_dates_keep_their_precision(value, expected):
    assert parse_date(value) == expected


def test_unreadable_date_warns_and_is_left_out():
    with pytest.warns(BlickwinkelWarning, match="not understood"):
        assert parse_date("gestern") == (None, None)


def test_html_article_main_text_is_extracted(tmp_path):
    paragraphs = "".join(
        f"<p>Die Bundesregierung hat am Montag in Berlin das {n}. Hilfspaket für die Landwirtschaft "
        f"beschlossen, wie ein Sprecher der Regierung mitteilte. Die Opposition kritisierte das Paket.</p>"
        for n in range(1, 6)
    )
    page = (
        "<html><head><title>Hilfen beschlossen</title></head><body>"
        "<nav><a href='/'>Startseite</a> <a href='/politik'>Politik</a></nav>"
        f"<article><h1>Hilfen beschlossen</h1>{paragraphs}</article>"
        "<footer>Impressum Datenschutz</footer></body></html>"
    )
    path = tmp_path / "seite.html"
    path.write_text(page, encoding="utf-8")
    article = load_article(path)
    assert article.id == "seite"
    assert article.title == "Hilfen beschlossen"
    assert "das 3. Hilfspaket" in article.text
    assert "Impressum" not in article.text and "<p>" not in article.text
    assert len(article.paragraphs) >= 5
    assert_every_character_in_a_paragraph(article)


def test_json_article(tmp_path):
    path = tmp_path / "artikel.json"
    path.write_text(json.dumps({"title": "Hilfen", "text": GERMAN, "date": "2015-11-17", "autor": "X"}))
    article = load_article(path)
    assert (article.id, article.title, article.date, article.date_precision) == (
        "artikel", "Hilfen", "2015-11-17", "day")
    assert article.metadata == {"autor": "X"}


def test_wikinews_document_keeps_original_text(tmp_path):
    text = "Ein Richter hat Haftbefehl erlassen.\n\nDas sagte ein Sprecher am Sonntag."
    document = {"documentName": "1034 - BGH erlässt Haftbefehl (2004-12-05)", "originalText": text,
                "sentences": [], "tokens": [], "annotations": []}
    path = tmp_path / "1034.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    article = load_article(path)
    assert (article.id, article.title, article.date) == ("1034", "BGH erlässt Haftbefehl", "2004-12-05")
    assert article.text == text


def test_real_wikinews_texts_stay_byte_identical():
    if not WIKINEWS.exists():
        pytest.skip("../shared/data/wikinews-quotes is not beside this checkout")
    for path in sorted((WIKINEWS / "dev").glob("*.json"))[:40]:
        original = json.loads(path.read_text(encoding="utf-8"))["originalText"]
        article = load_article(path)
        assert article.text == original
        assert_every_character_in_a_paragraph(article)


def test_jsonl_corpus_uses_the_ids(tmp_path):
    path = tmp_path / "korpus.jsonl"
    lines = [{"id": "a1", "text": GERMAN}, {"id": "a2", "text": "Paris (AFP) - " + GERMAN.split(" - ", 1)[1]}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    articles = list(load_corpus(path))
    assert [(a.id, a.agency) for a in articles] == [("a1", "dpa"), ("a2", "AFP")]
    with pytest.raises(ArticleError, match="holds 2 articles: use load_corpus"):
        load_article(path)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\n\n", "is empty: a JSONL corpus needs"),
        (b'{"id": "a", "text": "Ein Satz hier."}\n{"id": "b", "text": \n', "line 2 is not valid JSON"),
        (b'{"id": "a", "text": "Gr\xf6\xdfe"}\n', "line 1 is not UTF-8"),
    ],
)
def test_bad_jsonl_gets_clear_errors(tmp_path, content, message):
    path = tmp_path / "korpus.jsonl"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=message):
        list(load_corpus(path))


def test_folder_and_glob_corpus(tmp_path):
    for name in ["b.txt", "a.txt"]:
        (tmp_path / name).write_text(GERMAN, encoding="utf-8")
    (tmp_path / "notizen.csv").write_text("kein,artikel")
    assert [a.id for a in load_corpus(tmp_path)] == ["a", "b"]
    assert [a.id for a in load_corpus(str(tmp_path / "*.txt"))] == ["a", "b"]


def test_utf8_with_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + GERMAN.encode("utf-8"))
    article = load_article(path)
    assert article.text == GERMAN
    assert article.places == ("Berlin",)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_windows_1252_and_latin1_are_read_with_a_warning(tmp_path, encoding):
    path = tmp_path / "alt.txt"
    path.write_bytes(("Köln (dpa) - Größere Pläne für Ärzte und Bürger. " + GERMAN).encode(encoding))
    with pytest.warns(BlickwinkelWarning, match="not UTF-8"):
        article = load_article(path)
    assert article.places == ("Köln",)
    assert "Größere Pläne für Ärzte" in article.text


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is empty"),
        (b"   \n\n\t ", "is empty"),
        (b"\x00\x01\x02PNG\x00\x00binary\x00", "binary file"),
        (b"1234 5678\n\n90 12 -- 3", "contains no words"),
    ],
)
def test_bad_text_files_get_clear_errors(tmp_path, content, message):
    path = tmp_path / "schlecht.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=message):
        load_article(path)


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"title": "x", "text": ', "is not valid JSON"),
        ('[1, 2, 3]', "not an article object"),
        ('{"title": "Nur ein Titel"}', "has no 'text' string"),
    ],
)
def test_bad_json_gets_clear_errors(tmp_path, content, message):
    path = tmp_path / "schlecht.json"
    path.write_text(content)
    with pytest.raises(ArticleError, match=message):
        load_article(path)


def test_missing_file_and_folder_errors(tmp_path):
    with pytest.raises(ArticleError, match="not found"):
        load_article(tmp_path / "fehlt.txt")
    with pytest.raises(ArticleError, match="not found"):
        load_article("data/gibt_es_nicht.txt")
    with pytest.raises(ArticleError, match="is a folder: use load_corpus"):
        load_article(tmp_path)


def test_errors_belong_to_one_family():
    assert issubclass(ArticleError, BlickwinkelError)


def test_english_text_gets_a_warning():
    english = "The government said on Monday that it would not change its strategy in the region. " * 4
    with pytest.warns(BlickwinkelWarning, match="does not look like German"):
        load_article(english)


def test_german_text_gets_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_article(GERMAN * 3)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Ä.?!\n\n\r„“\"(-)/:dpaBerlin0123 \t\u00a0")), max_size=300))
def test_any_string_loads_completely_or_raises_the_project_error(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BlickwinkelWarning)
        try:
            article = load_article(text if "\n" in text or " " in text else text + " ")
        except BlickwinkelError:
            return
    assert_every_character_in_a_paragraph(article)
    for sentence in article.sentences:
        assert article.paragraph_at(sentence.start) is not None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_string_loads_completely_or_raises_the_project_error(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BlickwinkelWarning)
        try:
            article = load_article(text + "\n")
        except BlickwinkelError:
            return
    assert_every_character_in_a_paragraph(article)


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "helpers", *args], capture_output=True, text=True, cwd=ROOT)


def test_cli_load_prints_the_structure_as_json():
    result = run_cli("load", str(SEED), "--format", "json")
    assert result.returncode == 0, result.stderr
    [structure] = json.loads(result.stdout)
    assert structure["date"] == "2018-06" and structure["agency"] == "dpa"
    assert [section["title"] for section in structure["sections"]][:2] == [
        "Was will Russland mit der Annäherung erreichen?", "Wie soll die Kooperation aus russischer Sicht aussehen?"]
    assert len(structure["sections"]) == 6
    assert structure["paragraphs"][1] == {
        "article_id": "dpa_frankreich_russland_is", "paragraph": 1, "kind": "question", "section_index": 1,
        "section": "Was will Russland mit der Annäherung erreichen?", "start": 274, "end": 321,
        "sentences": 1, "words": 7,
    }


def test_cli_load_csv_and_jsonl(tmp_path):
    csv = run_cli("load", str(SEED), "--format", "csv")
    assert csv.stdout.splitlines()[0] == "article_id,paragraph,kind,section_index,section,start,end,sentences,words"
    assert len(csv.stdout.splitlines()) == 1 + 13
    jsonl = run_cli("load", str(SEED), str(SEED), "--format", "jsonl")
    assert [json.loads(line)["article_id"] for line in jsonl.stdout.splitlines()] == [
        "dpa_frankreich_russland_is"] * 2


def test_cli_reports_bad_input_without_a_traceback(tmp_path):
    result = run_cli("load", str(tmp_path / "fehlt.txt"))
    assert result.returncode == 2
    assert re.fullmatch(r"error: file .*fehlt.txt not found: check the path .*\n", result.stderr)
