"""The Flemish gemeenten and their mergers for the benchmark's peer scripts:
src/gemeenten/gemeenten.tsv read as src/gemeenten/mod.rs reads it, and the
same rule for what a name means on a day (`on`): the gemeente of that name
if it exists then, else the gemeente a former gemeente merged into."""
import datetime
import pathlib

TSV = pathlib.Path(__file__).resolve().parent.parent / "src" / "gemeenten" / "gemeenten.tsv"


def _date(s):
    return datetime.date.fromisoformat(s) if s else None


class Gemeenten:
    def __init__(self, path=TSV):
        raw = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            nis, naam, van, tot, opv = line.split("\t")
            raw.append((int(nis), naam, _date(van), _date(tot), int(opv) if opv else None))
        self.rows = []
        for nis, naam, van, tot, opv in raw:
            succ = None
            if opv is not None:
                nxt = tot + datetime.timedelta(days=1)
                succ = next(i for i, r in enumerate(raw) if r[0] == opv and r[2] == nxt)
            self.rows.append((nis, naam, van, tot, succ))
        self.by_name = {}
        for i, r in enumerate(self.rows):
            self.by_name.setdefault(r[1].lower(), []).append(i)
        for v in self.by_name.values():
            v.sort(key=lambda i: self.rows[i][2] or datetime.date.min)

    def _exists(self, i, d):
        _, _, van, tot, _ = self.rows[i]
        return (van is None or van <= d) and (tot is None or d <= tot)

    def nis_on(self, name, d):
        """The NIS code of the gemeente `name` means on day `d`, or None."""
        rows = self.by_name.get(name.strip().lower(), [])
        for i in rows:
            if self._exists(i, d):
                return self.rows[i][0]
        ended = [i for i in rows if self.rows[i][3] is not None and self.rows[i][3] < d]
        if ended:
            at = ended[-1]
            while self.rows[at][4] is not None:
                at = self.rows[at][4]
                if self._exists(at, d):
                    break
            return self.rows[at][0]
        return self.rows[rows[0]][0] if rows else None

    def names(self):
        return sorted({r[1] for r in self.rows})


# The werkingsgebied of examples/kempen.reglement.
KEMPEN = ["Turnhout", "Beerse", "Hoogstraten", "Arendonk", "Oud-Turnhout", "Rijkevorsel",
          "Merksplas", "Ravels", "Vosselaar", "Baarle-Hertog"]


def voorkeur_codes(gemeente, peildatum, werkingsgebied=KEMPEN):
    """Lower-case name -> 2 (the gemeente ranked), 1 (another gemeente of the
    werkingsgebied), 0 (a Flemish gemeente elsewhere), for every known name on
    the peildatum; a name not in the map is no gemeente."""
    g = Gemeenten()
    d = datetime.date.fromisoformat(peildatum)
    inside = {g.nis_on(n, d) for n in werkingsgebied}
    target = g.nis_on(gemeente, d)
    codes = {}
    for n in g.names() + list(werkingsgebied):
        nis = g.nis_on(n, d)
        codes[n.lower()] = 2 if nis == target else (1 if nis in inside else 0)
    return codes
