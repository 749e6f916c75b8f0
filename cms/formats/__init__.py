"""The site's own date and time formats (`FORMAT_MODULE_PATH`), over Django's.

Indonesian writes times with a period (`09.00`), English with a colon
(`09:00`); both use the 24-hour clock of the site's opening hours and closing
times. Formats not named here are Django's for the language.
"""
