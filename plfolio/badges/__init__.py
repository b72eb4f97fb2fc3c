"""Open Badges 3.0: keys (did:key), Data Integrity proofs (eddsa-rdfc-2022), credentials. Offline."""
