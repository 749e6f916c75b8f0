"""Satisfaction surveys (SKM, PermenPANRB 14/2017): the survey page and its
questionnaire, the IKM index, the counter kiosk, the QR poster, the follow-up
actions and the national overview.

Imports nothing from `consultation.forums`; what both features use lives at
the app's top level (`protection`, `receipts`, `moderation`, `actions`,
`charts`, `references`).
"""
