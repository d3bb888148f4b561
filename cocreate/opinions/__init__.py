"""Opinion maps: statements, agree/disagree/pass votes, and the opinion groups computed as Pol.is does."""
