"""The read side: statements by filters and full text, listings of speakers, outlets and articles,
forgiving name lookup, and what citations need.
"""
