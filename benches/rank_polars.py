"""The Kempen pijler-2 ranking (versnelde toewijzing) of a candidates file, in polars.

Straightforward on purpose: the Kempen weighting frame written out by hand
(examples/kempen-regio.reglement, art. 3.1-3.5), the same exclusions in the
same order as the engine, the same output columns and row order. The
voorkeur is read as the central register writes it: every name (current or
former) is looked up once in src/gemeenten/gemeenten.tsv as the gemeente it
means on the peildatum (benches/gemeenten.py); a voorkeur without a gemeente
of the werkingsgebied excludes; a voorkeur or mantelzorg name that is no
gemeente stops the script (the engine rejects that row, which this script does
not reproduce). Used by
benches/rank_compare.py, which checks that its output is byte-identical to
`reglement rangschik --formaat csv` before timing both.

    python3 benches/rank_polars.py KANDIDATEN.csv UITVOER.csv --gemeente Turnhout --peildatum 2024-06-30
"""
import argparse
import sys
import time

import polars as pl

from gemeenten import voorkeur_codes

WOONNOOD = {"geen-opvang": 15, "instelling": 20, "opvang": 20, "familie": 20, "opzeg": 20,
            "jongere": 20, "ggz": 20, "pv": 20, "onbewoonbaar": 20, "ongeschikt": 20,
            "overbewoond": 20, "bijzonder": 0}
BEGELEIDING = {"gemeente": 5, "werkingsgebied": 3, "arrondissement": 1}
NIET_GESCOORD = ("woonnood 'bijzonder' wordt niet gescoord: enkel via een gemotiveerd sociaal "
                 "verslag, goedgekeurd door de woonmaatschappij (art. 3.1)")
GEEN_WOONNOOD = "geen woonnood: geen doelgroep van de versnelde toewijzing (art. 3)"
DREMPEL = "drempel: minimaal 1 punt op woonnood, inkomen, begeleiding en kinderlast (art. 3.5)"
BUITEN = "voorkeur: geen gemeente van het werkingsgebied"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kandidaten")
    ap.add_argument("uitvoer")
    ap.add_argument("--gemeente", required=True)
    ap.add_argument("--peildatum", required=True)
    a = ap.parse_args()
    t0 = time.perf_counter()

    df = pl.read_csv(a.kandidaten, infer_schema_length=0)  # every column as text
    s = lambda c: pl.col(c).fill_null("")
    cents = (s("inkomen").replace("", None).cast(pl.Float64) * 100).round(0).cast(pl.Int64)
    kids = pl.col("kinderen").cast(pl.Int64)
    single = pl.col("gezinstype") == "alleenstaande"
    df = df.with_columns(
        punten_woonnood=s("woonnood").replace_strict(WOONNOOD, default=0, return_dtype=pl.Int64),
        punten_inkomen=pl.when(cents.is_null()).then(0)
        .when(single & (cents <= 137913)).then(20)
        .when(single & (cents <= 154413)).then(15)
        .when(~single & (cents <= 190483)).then(20)
        .when(~single & (cents <= 210283)).then(15)
        .otherwise(0),
        punten_begeleiding=s("begeleiding").replace_strict(BEGELEIDING, default=0, return_dtype=pl.Int64),
        punten_kinderlast=pl.when(kids >= 9).then(5).otherwise((kids + 1) // 2),
    )
    df = df.with_columns(
        totaal=pl.col("punten_woonnood") + pl.col("punten_inkomen")
        + pl.col("punten_begeleiding") + pl.col("punten_kinderlast"),
    )
    # every voorkeur and mantelzorg name as the gemeente it means on the peildatum
    codes = voorkeur_codes(a.gemeente, a.peildatum)
    code = lambda c: s(c).str.split(";").list.eval(
        pl.element().str.strip_chars().str.to_lowercase().replace_strict(codes, default=-1, return_dtype=pl.Int8))
    voorkeur = s("voorkeur")
    df = df.with_columns(vk=code("voorkeur"), mz=code("mantelzorg"))
    bad = df.filter(((s("voorkeur") != "") & pl.col("vk").list.contains(-1))
                    | ((s("mantelzorg") != "") & pl.col("mz").list.contains(-1)))
    if bad.height:
        sys.exit(f"{bad.height} rijen noemen een gemeente die niet bestaat; de engine weigert die, dit script niet")
    buiten = (voorkeur != "") & (pl.col("vk").list.max() < 1)
    wil_niet = (voorkeur != "") & ~pl.col("vk").list.contains(2)
    reden = (
        pl.when(pl.col("inschrijvingsdatum") > a.peildatum).then(pl.lit(f"niet ingeschreven op de peildatum {a.peildatum}"))
        .when(s("woonnood") == "").then(pl.lit(GEEN_WOONNOOD))
        .when(buiten).then(pl.lit(BUITEN))
        .when(wil_niet).then(pl.lit(f"voorkeur: wil niet in {a.gemeente} wonen"))
        .when(pl.col("woonnood") == "bijzonder").then(pl.lit(NIET_GESCOORD))
        .when(pl.min_horizontal("punten_woonnood", "punten_inkomen", "punten_begeleiding",
                                "punten_kinderlast") < 1).then(pl.lit(DREMPEL))
        .otherwise(pl.lit(""))
    )
    df = df.with_columns(reden=reden, pijler=pl.lit("versneld"))
    ranked = df.filter(pl.col("reden") == "").sort(
        ["totaal", "inschrijvingsdatum", "dossier"], descending=[True, False, False])
    ranked = ranked.with_columns(rang=pl.int_range(1, ranked.height + 1).cast(pl.String),
                                 status=pl.lit("gerangschikt"),
                                 reden=pl.lit(None, pl.String))  # empty, not ""
    excluded = df.filter(pl.col("reden") != "").sort("dossier").with_columns(
        rang=pl.lit(None, pl.String), status=pl.lit("uitgesloten"))
    cols = ["rang", "dossier", "pijler", "status", "totaal", "punten_woonnood", "punten_inkomen",
            "punten_begeleiding", "punten_kinderlast", "inschrijvingsdatum", "reden"]
    out = pl.concat([ranked.select(cols), excluded.select(cols)])
    out.write_csv(a.uitvoer)
    print(f"tijd: {time.perf_counter() - t0:.3f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
