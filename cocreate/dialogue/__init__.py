"""Dialogue: statements people vote on, and the opinion groups those votes reveal."""
