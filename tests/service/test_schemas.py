"""The HTTP API describes the options it shares with the CLI in the CLI's words (issue 18)."""

from __future__ import annotations

from typing import get_args

import pytest

from precis import cli_options
from precis.option_help import HELP
from precis.service.schemas import AbstractiveRequest, SummarizeFields

CLI_NAMES = {
    "sentences": "SentencesOpt",
    "words": "WordsOpt",
    "ratio": "RatioOpt",
    "chars": "CharsOpt",
    "method": "MethodOpt",
    "per_section": "PerSectionOpt",
    "query": "QueryOpt",
    "keyphrases": "KeyphrasesOpt",
    "model": "ModelOpt",
    "remote_model": "RemoteModelOpt",
    "guard": "GuardOpt",
}


@pytest.mark.parametrize("name", sorted(HELP))
def test_schemas_shared_option_help_is_the_cli_help(name: str) -> None:
    fields = {**SummarizeFields.model_fields, **AbstractiveRequest.model_fields}
    option = get_args(getattr(cli_options, CLI_NAMES[name]))[1]
    assert fields[name].description == option.help == HELP[name]
