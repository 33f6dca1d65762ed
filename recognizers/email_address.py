"""Email addresses: Presidio's pattern, with the TLD checked against tldextract's bundled snapshot.

Presidio's EmailRecognizer calls `tldextract.extract`, which fetches the Public Suffix List from
the internet on first use (presidio issue 1205). deid never downloads: `split_domain` reads only
the snapshot shipped inside tldextract.
"""

from presidio_analyzer.predefined_recognizers import EmailRecognizer

from deid.kit.base import split_domain


class OfflineEmailRecognizer(EmailRecognizer):
    """EMAIL_ADDRESS, validated without network access."""

    def __init__(self) -> None:
        super().__init__(supported_entity="EMAIL_ADDRESS", name="OfflineEmailRecognizer")

    def validate_result(self, pattern_text: str) -> bool:
        """Accept the match only when its domain ends in a known public suffix."""
        return split_domain(pattern_text).fqdn != ""
