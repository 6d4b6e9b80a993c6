"""The hand-worked example the reach tests check against (threshold 5, cut-off 80%).

212 people answered "How old are you?": 160 online, 52 on paper, 1 by phone. 12 did not choose an
age group (6 online and 2 on paper chose "Prefer not to say", 4 online skipped it, the one phone
caller chose "Prefer not to say"), so the base is the other 200: 150 online, 50 on paper, 0 by phone.

    age group   online  paper  everyone  expected   share of 200   share / expected
    Under 18       3      0        3        2%      small          (see below)
    18 to 24      12      0       12        6%       6%            100%
    25 to 34      18      2       20       10%      10%            100%
    35 to 44      25      5       30       12%      15%            125%
    45 to 54      30     10       40       14%      20%            143% (20/14 = 1.4286)
    55 to 64      30     10       40       16%      20%            125%
    65 to 74      20     10       30       16%      15%             94% (15/16 = 0.9375)
    75 to 84       8     10       18       18%       9%             50%  -> under-represented
    85 or over     4      3        7        4%      not shown      -
    (base)       150     50      200       98% (2% not known)

Small numbers, everyone: "Under 18" (3) is fewer than 5. Left alone, 200 minus the other eight
would give it back, so the smallest other group, "85 or over" (7), is not shown either: 3 + 7 = 10.

Small numbers, by way of answering (each group's cells add up to its "everyone" count, each way's
cells to its base):
- Under 18 is a small group, so both its cells are small: online 3, paper 0 (the 0 too).
- 25 to 34 on paper (2) is small; in its row 20 - 2 would give it back from online 18, so online 18
  is not shown. Online's column now leaves out 3 + 18 + 4 = 25 (three cells): fine.
- 85 or over: online 4 and paper 3 are small (the group's own total, 7, is not shown).
- Paper's column leaves out 0 + 2 + 3 = 5 in three cells: at least 5, fine. Phone's base is 0.

Flags on small groups (count unknown, 0 to 4): flagged only when even 4 would be under 80%.
- Under 18, everyone: expected 2% of 200 = 4 people; 80% of that is 3.2; 4 >= 3.2, so unclear.
- 85 or over, online: expected 4% of 150 = 6; 80% is 4.8; 4 < 4.8, so under-represented.
- 25 to 34, paper: expected 10% of 50 = 5; 80% is 4; 4 is not below 4, so unclear.
Paper, 18 to 24: 0 of 50 against 6% expected: under-represented (we heard from no one).
Online, 75 to 84: 8 of 150 = 5.33%, against 18%: 29.6%, shown as 30%: under-represented.
"""

from __future__ import annotations

from decimal import Decimal

LABELS = ["Under 18", "18 to 24", "25 to 34", "35 to 44", "45 to 54", "55 to 64", "65 to 74", "75 to 84",
          "85 or over"]
ONLINE = [3, 12, 18, 25, 30, 30, 20, 8, 4]
PAPER = [0, 0, 2, 5, 10, 10, 10, 10, 3]
EXPECTED = ["2", "6", "10", "12", "14", "16", "16", "18", "4"]
# Besides the 200 who chose an age group: (channel, "prefer_not" or None for a skip), how many.
NOT_CHOSEN = [("online", "prefer_not", 6), ("online", None, 4), ("paper", "prefer_not", 2), ("phone", "prefer_not", 1)]


def expected_shares() -> list[Decimal]:
    return [Decimal(value) for value in EXPECTED]
