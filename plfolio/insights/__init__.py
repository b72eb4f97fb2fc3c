"""Pure functions over a loaded portfolio: progress, hours, coverage, growth, similarity, charts.

No I/O and no clock: functions that depend on the date take ``today``.
"""
