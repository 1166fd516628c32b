"""The Kempen pijler-2 ranking (versnelde toewijzing) of a candidates file, in pandas.

Straightforward on purpose: the Kempen weighting frame written out by hand
(examples/kempen-regio.reglement, art. 3.1-3.5), the same exclusions in the
same order as the engine, the same output columns and row order. The
voorkeur is read as the central register writes it: every name (current or
former) is looked up in src/gemeenten/gemeenten.tsv as the gemeente it means
on the peildatum (benches/gemeenten.py), once per distinct field; a voorkeur
without a gemeente of the werkingsgebied excludes; a voorkeur or mantelzorg
name that is no gemeente stops the script (the engine rejects that row). Used by
benches/rank_compare.py, which checks that its output is byte-identical to
`reglement rangschik --formaat csv` before timing both.

    python3 benches/rank_pandas.py KANDIDATEN.csv UITVOER.csv --gemeente Turnhout --peildatum 2024-06-30
"""
import argparse
import sys
import time

import numpy as np
import pandas as pd

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
    codes = voorkeur_codes(a.gemeente, a.peildatum)

    def classify(field):
        """(no gemeente, none inside, target not chosen) for one distinct field."""
        if field == "":
            return (False, False, False)
        c = [codes.get(x.strip().lower(), -1) for x in field.split(";")]
        return (-1 in c, max(c) < 1, 2 not in c)

    vk = df["voorkeur"].map({f: classify(f) for f in df["voorkeur"].unique()})
    mz = df["mantelzorg"].map({f: classify(f)[0] for f in df["mantelzorg"].unique()})
    if vk.str[0].any() or mz.any():
        sys.exit("rijen noemen een gemeente die niet bestaat; de engine weigert die, dit script niet")
    buiten = vk.str[1]
    wil_niet = vk.str[2]
    minimum = df[["punten_woonnood", "punten_inkomen", "punten_begeleiding", "punten_kinderlast"]].min(axis=1)
    df["reden"] = np.select(
        [df["inschrijvingsdatum"] > a.peildatum, df["woonnood"] == "", buiten, wil_niet,
         df["woonnood"] == "bijzonder", minimum < 1],
        [f"niet ingeschreven op de peildatum {a.peildatum}", GEEN_WOONNOOD, BUITEN,
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
