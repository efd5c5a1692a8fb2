"""Extractive summarizers: a scorer rates sentences, a selector picks them under a budget."""
