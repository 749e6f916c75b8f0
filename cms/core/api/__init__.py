"""The open API for the national service portal (`/api/`).

`base` holds what every endpoint shares (no authentication, read-only, caching
headers, JSON errors, pagination, references to pages and units); `units`,
`root`, `docs` and `wagtail` are the core endpoints. Each app writes its own
endpoints in `<app>/api.py` and routes them in `<app>/api_urls.py`, which
`cms.urls` includes when the app is installed (`cms.core.discovery`).
"""
