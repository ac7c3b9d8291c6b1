# Writes the expected `run --format json` figures of the hand-computed v2 cases.
# Every per-quarter value below is typed in by hand (in billions) from the
# formulas of SCENARIO-FORMAT.md "Format v2"; only the sums for the year view,
# the cents formatting and the NPV discounting are done here.
import json
from decimal import Decimal as D, getcontext, ROUND_HALF_UP
getcontext().prec = 60
B = D(10) ** 9

def c(x):  # billions -> cents string
    return str((D(str(x)) * B).quantize(D("0.01"), rounding=ROUND_HALF_UP))

def cents(x):
    return str(D(x).quantize(D("0.01"), rounding=ROUND_HALF_UP))

def q2y(vals, years, level):
    out, i = [], 0
    for n in years:
        chunk = vals[i:i + n]
        out.append(chunk[-1] if level else sum(D(str(v)) for v in chunk))
        i += n
    return out

def npv(paid_b, factor):
    return sum(D(str(p)) * B / factor ** (k + 1) for k, p in enumerate(paid_b))

def doc(name, quarters, years, yearspan, series, summary):
    """series: id -> (level?, values in billions or raw strings)."""
    out = {}
    for period in ("quarter", "year"):
        ser = {}
        for sid, (level, vals, unit) in series.items():
            vs = vals if period == "quarter" else q2y(vals, yearspan, level)
            ser[sid] = [c(v) if unit == "B" else cents(D(str(v))) for v in vs]
        out[period] = {"scenario": name, "period": period,
                       "periods": quarters if period == "quarter" else years,
                       "series": ser, "summary": summary}
    return out

def neg(v): return [-D(str(x)) for x in v]
Z = lambda n: [0] * n

def write(stem, d):
    with open(stem + ".expect.json", "w") as f:
        json.dump(d, f, indent=1)
        f.write("\n")

# actuals: 2025Q3..2027Q2
qs = ["2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3", "2026Q4", "2027Q1", "2027Q2"]
rev = [1, 1, 1.5, 2, 2.25, 2, 3, 3]
paid = [0.1, 0.1, 0.15, 0.2, 0.225, 0.2, 0.3, 0.3]
cum = [0.1, 0.2, 0.35, 0.55, 0.775, 0.975, 1.275, 1.575]
write("actuals", doc("v2 actuals", qs, ["2025", "2026", "2027"], [2, 4, 2], {
    "stream.rev": (False, rev, "B"),
    "contract.share.accrued": (False, paid, "B"),
    "contract.share.paid": (False, paid, "B"),
    "contract.share.cumulative": (True, cum, "B"),
    "party.A.in": (False, Z(8), "B"), "party.A.out": (False, paid, "B"), "party.A.net": (False, neg(paid), "B"),
    "party.B.in": (False, paid, "B"), "party.B.out": (False, Z(8), "B"), "party.B.net": (False, paid, "B"),
}, {
    "stream.rev.total": c(15.75),
    "contract.share.total_paid": c(1.575), "contract.share.cap_hit": None, "contract.share.npv": c(1.575),
    "contract.share.total_accrued": c(1.575), "contract.share.cap_savings": c(0),
    "party.A.net_total": c(-1.575), "party.B.net_total": c(1.575),
}))

# revenue share changes: 2025Q1..2026Q4, revenue 10B a quarter
qs = ["2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3", "2026Q4"]
s_acc = [2, 2, 2, 2, 1, 1, 1, 0]
s_paid = [2, 2, 2, 2, 1, 1, 0.5, 0]
s_cum = [3, 5, 7, 9, 10, 11, 11.5, 11.5]
s_tow = [1, 1, 3, 5, 6, 7, 7.5, 7.5]
l_acc = [0, 1, 1, 1, 1, 1, 1, 1]
l_paid = [0, 1, 1, 1, 1, 1, 0.5, 0]
l_cum = [0, 1, 2, 3, 4, 5, 5.5, 5.5]
l_tow = [0, 0, 0, 1, 2, 3, 3.5, 3.5]
a_out = [x + y for x, y in zip(s_paid, l_paid)]
write("revshare", doc("v2 revenue share changes", qs, ["2025", "2026"], [4, 4], {
    "stream.rev": (False, [10] * 8, "B"),
    "contract.share.accrued": (False, s_acc, "B"), "contract.share.paid": (False, s_paid, "B"),
    "contract.share.cumulative": (True, s_cum, "B"), "contract.share.toward_cap": (True, s_tow, "B"),
    "contract.later.accrued": (False, l_acc, "B"), "contract.later.paid": (False, l_paid, "B"),
    "contract.later.cumulative": (True, l_cum, "B"), "contract.later.toward_cap": (True, l_tow, "B"),
    "party.A.in": (False, Z(8), "B"), "party.A.out": (False, a_out, "B"), "party.A.net": (False, neg(a_out), "B"),
    "party.B.in": (False, s_paid, "B"), "party.B.out": (False, Z(8), "B"), "party.B.net": (False, s_paid, "B"),
    "party.C.in": (False, l_paid, "B"), "party.C.out": (False, Z(8), "B"), "party.C.net": (False, l_paid, "B"),
}, {
    "stream.rev.total": c(80),
    "contract.share.total_paid": c(10.5), "contract.share.cap_hit": "2026Q3", "contract.share.npv": c(10.5),
    "contract.share.total_accrued": c(11), "contract.share.cap_savings": c(0.5),
    "contract.later.total_paid": c(5.5), "contract.later.cap_hit": "2026Q3", "contract.later.npv": c(5.5),
    "contract.later.total_accrued": c(7), "contract.later.cap_savings": c(1.5),
    "party.A.net_total": c(-16), "party.B.net_total": c(10.5), "party.C.net_total": c(5.5),
}))

# equity marks: 2025Q1..2026Q4
third = D(100) / D(3)
lin_val = [100, D(100) + third, D(100) + 2 * third, 200, 325, 450, 575, 700]
write("equity", doc("v2 equity marks", qs, ["2025", "2026"], [4, 4], {
    "contract.step.valuation": (True, [100, 200, 200, 200, 400, 400, 400, 400], "B"),
    "contract.step.value": (True, [20, 40, 20, 20, 40, 40, 40, 40], "B"),
    "contract.lin.valuation": (True, lin_val, "B"),
    "contract.lin.value": (True, [D(str(v)) / 2 for v in lin_val], "B"),
    "contract.flat.valuation": (True, [112, 120, 120, 120, 120, 120, 120, 120], "B"),
    "contract.flat.value": (True, [28, 30, 30, 30, 30, 36, 36, 36], "B"),
}, {
    "contract.step.value_at_end": c(40), "contract.lin.value_at_end": c(350), "contract.flat.value_at_end": c(36),
}))

# tranches: 2026Q1..2027Q4, quarterly discount factor exactly 1.01
qs = ["2026Q1", "2026Q2", "2026Q3", "2026Q4", "2027Q1", "2027Q2", "2027Q3", "2027Q4"]
paid = [16, 0, 0, 0, 0, 0, 0, 35]
write("tranches", doc("v2 tranches", qs, ["2026", "2027"], [4, 4], {
    "contract.inv.paid": (False, paid, "B"),
    "party.Amazon.in": (False, Z(8), "B"), "party.Amazon.out": (False, paid, "B"), "party.Amazon.net": (False, neg(paid), "B"),
    "party.OpenAI.in": (False, paid, "B"), "party.OpenAI.out": (False, Z(8), "B"), "party.OpenAI.net": (False, paid, "B"),
}, {
    "contract.inv.total_paid": c(51), "contract.inv.outside_horizon": c(2),
    "contract.inv.npv": cents(npv(paid, D("1.01"))),
    "party.Amazon.net_total": c(-51), "party.OpenAI.net_total": c(51),
}))

# capacity: same horizon and discount
paid = [1.25, 1.25, 3.75, 3.75, 1.875, 1.875, 2.25, 2.25]
gw = [0.5, 0.5, 1.5, 1.5, 0.75, 0.75, 0.75, 0.75]
write("capacity", doc("v2 capacity", qs, ["2026", "2027"], [4, 4], {
    "contract.oracle.paid": (False, paid, "B"),
    "contract.oracle.gw": (True, gw, "GW"),
    "party.OpenAI.in": (False, Z(8), "B"), "party.OpenAI.out": (False, paid, "B"), "party.OpenAI.net": (False, neg(paid), "B"),
    "party.Oracle.in": (False, paid, "B"), "party.Oracle.out": (False, Z(8), "B"), "party.Oracle.net": (False, paid, "B"),
    "total.commitments.paid": (False, paid, "B"),
}, {
    "contract.oracle.total_paid": c(18.25), "contract.oracle.outside_horizon": c(7),
    "contract.oracle.npv": cents(npv(paid, D("1.01"))), "contract.oracle.peak_gw": "1.50",
    "party.OpenAI.net_total": c(-18.25), "party.Oracle.net_total": c(18.25),
    "total.commitments.total_paid": c(18.25), "total.commitments.outside_horizon": c(7),
    "total.commitments.committed": c(25.25), "total.commitments.peak_annual": c(10),
    "total.commitments.peak_year": "2026",
}))
