DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y H:i"
# Day first, as on the Indonesian pages and in the countries around them (an
# English reader in Singapore types 05/04/2026 for 5 April, which Django's US
# formats read as 4 May); a month-first date is tried only when the day-first
# reading is impossible (11/20/2026), as Django's Indonesian formats do.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d/%m/%y",
    "%d-%m-%Y",
    "%d-%m-%y",
    "%d %b %Y",
    "%d %B %Y",
    "%b %d %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%B %d, %Y",
    "%m/%d/%Y",
    "%m/%d/%y",
]
