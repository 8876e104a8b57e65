"""Tables: the findings of a Doc's spans as tidy DataFrames, one row per thing found, with offsets.

    from helpers.tables.mentions import mention_table, actor_counts
    from helpers.tables.quotes import quote_table, who_speaks
    from helpers.tables.frame_cues import frame_cue_table, cue_counts
    from helpers.tables.frame_profile import frame_profile

`build` makes one DataFrame of the columns of many Docs (a corpus batch); each table's module documents its
columns next to where they are built, and holds the questions a reader asks of the table.
"""
