"""Public consultations (FKP, PermenPANRB 16/2017): the consultation page and
its form, polls, comments per component of the standards under review, the
meeting record, the outcome and the commitments.

Imports nothing from `consultation.surveys`; what both features use lives at
the app's top level (`respondents`, `protection`, `receipts`, `moderation`,
`actions`, `charts`, `references`).
"""
