"""The Kempen pijler-2 ranking (versnelde toewijzing) of a candidates file, in pandas.

Straightforward on purpose: the Kempen weighting frame written out by hand
(examples/kempen-regio.reglement, art. 3.1-3.5), the same exclusions in the
same order as the engine, the same output columns and row order. Used by
benches/rank_compare.py, which checks that its output is byte-identical to
`reglement rangschik --formaat csv` before timing both.

    python3 benches/rank_pandas.py KANDIDATEN.csv UITVOER.csv --gemeente Turnhout --peildatum 2024-06-30
"""
import argparse
import sys
import time

import numpy as np
import pandas as pd

WOONNOOD = {"geen-opvang": 15, "instelling": 20, "opvang": 20, "familie": 20, "opzeg": 20,
            "jongere": 20, "ggz": 20, "pv": 20, "onbewoonbaar": 20, "ongeschikt": 20,
            "overbewoond": 20, "bijzonder": 0}
BEGELEIDING = {"gemeente": 5, "werkingsgebied": 3, "arrondissement": 1}
NIET_GESCOORD = ("woonnood 'bijzonder' wordt niet gescoord: enkel via een gemotiveerd sociaal "
                 "verslag, goedgekeurd door de woonmaatschappij (art. 3.1)")
GEEN_WOONNOOD = "geen woonnood: geen doelgroep van de versnelde toewijzing (art. 3)"
DREMPEL = "drempel: minimaal 1 punt op woonnood, inkomen, begeleiding en kinderlast (art. 3.5)"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kandidaten")
    ap.add_argument("uitvoer")
    ap.add_argument("--gemeente", required=True)
    ap.add_argument("--peildatum", required=True)
    a = ap.parse_args()
    t0 = time.perf_counter()

    df = pd.read_csv(a.kandidaten, dtype=str, keep_default_na=False)  # every column as text
    cents = (pd.to_numeric(df["inkomen"].replace("", np.nan)) * 100).round()
    kids = df["kinderen"].astype(int)
    single = df["gezinstype"] == "alleenstaande"
    df["punten_woonnood"] = df["woonnood"].map(WOONNOOD).fillna(0).astype(int)
    df["punten_inkomen"] = np.select(
        [cents.isna(), single & (cents <= 137913), single & (cents <= 154413),
         ~single & (cents <= 190483), ~single & (cents <= 210283)],
        [0, 20, 15, 20, 15], default=0)
    df["punten_begeleiding"] = df["begeleiding"].map(BEGELEIDING).fillna(0).astype(int)
    df["punten_kinderlast"] = np.where(kids >= 9, 5, (kids + 1) // 2)
    df["totaal"] = (df["punten_woonnood"] + df["punten_inkomen"]
                    + df["punten_begeleiding"] + df["punten_kinderlast"])
    wil_niet = (df["voorkeur"] != "") & ~df["voorkeur"].str.split(";").apply(lambda l: a.gemeente in l)
    minimum = df[["punten_woonnood", "punten_inkomen", "punten_begeleiding", "punten_kinderlast"]].min(axis=1)
    df["reden"] = np.select(
        [df["inschrijvingsdatum"] > a.peildatum, df["woonnood"] == "", wil_niet,
         df["woonnood"] == "bijzonder", minimum < 1],
        [f"niet ingeschreven op de peildatum {a.peildatum}", GEEN_WOONNOOD,
         f"voorkeur: wil niet in {a.gemeente} wonen", NIET_GESCOORD, DREMPEL], default="")
    df["pijler"] = "versneld"
    ranked = df[df["reden"] == ""].sort_values(
        ["totaal", "inschrijvingsdatum", "dossier"], ascending=[False, True, True], kind="stable")
    ranked = ranked.assign(rang=[str(i) for i in range(1, len(ranked) + 1)], status="gerangschikt")
    excluded = df[df["reden"] != ""].sort_values("dossier", kind="stable").assign(rang="", status="uitgesloten")
    cols = ["rang", "dossier", "pijler", "status", "totaal", "punten_woonnood", "punten_inkomen",
            "punten_begeleiding", "punten_kinderlast", "inschrijvingsdatum", "reden"]
    pd.concat([ranked[cols], excluded[cols]]).to_csv(a.uitvoer, index=False)
    print(f"tijd: {time.perf_counter() - t0:.3f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
