"""Tables built column by column: one DataFrame for the rows of many articles, with the same columns and types."""

import pandas as pd

from helpers.tables.build import frame_of, nullable_integers

DTYPES = {"speaker_start": "Int64", "speaker_actor": object}


def quotes_of(article_id, *rows):
    names = ["article_id", "start", "speaker_start", "speaker_actor"]
    values = list(zip(*[(article_id, *row) for row in rows])) if rows else [[] for _ in names]
    return {name: list(column) for name, column in zip(names, values)}


def test_the_columns_of_several_articles_become_one_table_in_order():
    joined = frame_of([quotes_of("a", (0, 7, "Putin"), (20, None, None)), quotes_of("b"), quotes_of("c", (5, 1, None))],
                      DTYPES)
    assert joined.to_dict("list") == {
        "article_id": ["a", "a", "c"], "start": [0, 20, 5], "speaker_start": [7, None, 1],
        "speaker_actor": ["Putin", None, None],
    }
    assert joined["speaker_start"].dtype == "Int64"
    assert joined["speaker_actor"].dtype == object


def test_a_table_without_rows_keeps_its_columns_and_their_types():
    empty = frame_of([quotes_of("a"), quotes_of("b")], DTYPES)
    assert empty.empty
    assert list(empty.columns) == ["article_id", "start", "speaker_start", "speaker_actor"]
    assert list(empty.dtypes.astype(str)) == ["object", "object", "Int64", "object"]


def test_one_articles_columns_give_the_same_table_as_in_a_batch():
    alone = frame_of([quotes_of("c", (5, 1, None))], DTYPES)
    in_batch = frame_of([quotes_of("b"), quotes_of("c", (5, 1, None))], DTYPES)
    pd.testing.assert_frame_equal(alone, in_batch)


def test_offsets_that_may_be_absent_are_nullable_integers():
    made = nullable_integers([12, None, 40])
    pd.testing.assert_extension_array_equal(made, pd.array([12, None, 40], dtype="Int64"))
    assert made.tolist() == [12, pd.NA, 40]
