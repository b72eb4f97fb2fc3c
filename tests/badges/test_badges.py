"""Open Badges 3.0 credentials: W3C known answer, OB schema conformance, tamper detection, keys."""

from __future__ import annotations

import copy
import json
import stat

import jsonschema
import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from plfolio.badges.credential import build_credential, timestamp
from plfolio.badges.didkey import (
    b58decode,
    b58encode,
    did_key,
    load_or_create_key,
    private_key_from_multibase,
    public_multibase,
    resolve_verification_method,
    verification_method,
)
from plfolio.badges.issue import KEY_FILE, issue_badge
from plfolio.badges.loader import ContextNotAvailable, make_loader
from plfolio.badges.proof import sign, verify
from plfolio.cli import main
from plfolio.store import PortfolioStore, StoreError, load_portfolio
from support import CONFORMANCE, EXAMPLE

# W3C vc-di-eddsa test vector (TestVectors/eddsa-rdfc-2022 and keyPair.json)
VECTOR_SECRET = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
VECTOR_PUBLIC = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
VECTOR_PROOF = "z21EVs3eXERqTn4acNHT9viboqgzUaQ3kTmhPT3eA8qrVPE7CrQq78WkzctnMX5W4CrzcKnHw8V6dvy5pgWYCU5e9"
VECTOR_DOC = {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
    "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33", "type": ["VerifiableCredential", "AlumniCredential"],
    "name": "Alumni Credential", "description": "A minimum viable example of an Alumni Credential.",
    "issuer": "https://vc.example/issuers/5678", "validFrom": "2023-01-01T00:00:00Z",
    "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"},
}
EXAMPLES_CONTEXT = {"https://www.w3.org/ns/credentials/examples/v2":
                    {"@context": {"@vocab": "https://www.w3.org/ns/credentials/examples#"}}}
SCHEMA = json.loads((CONFORMANCE / "openbadges-3.0/ob_v3p0_achievementcredential_schema.json").read_text())


def test_known_answer_eddsa_rdfc_2022():
    key = private_key_from_multibase(VECTOR_SECRET)
    assert public_multibase(key.public_key()) == VECTOR_PUBLIC
    signed = sign(VECTOR_DOC, key, f"https://vc.example/issuers/5678#{VECTOR_PUBLIC}", "2023-02-24T23:36:38Z",
                  loader=make_loader(EXAMPLES_CONTEXT))
    (proof,) = signed["proof"]
    assert proof["proofValue"] == VECTOR_PROOF
    assert proof["cryptosuite"] == "eddsa-rdfc-2022" and proof["type"] == "DataIntegrityProof"


def test_did_key_round_trip():
    key = Ed25519PrivateKey.generate()
    did = did_key(key.public_key())
    assert did.startswith("did:key:z6Mk")
    resolved = resolve_verification_method(verification_method(key.public_key()))
    assert public_multibase(resolved) == did.removeprefix("did:key:")
    assert b58decode(b58encode(b"\x00\x00abc")) == b"\x00\x00abc"
    with pytest.raises(ValueError):
        resolve_verification_method("https://example.org/keys/1")


@pytest.fixture
def signed_goal_credential():
    portfolio = load_portfolio(EXAMPLE)
    key = Ed25519PrivateKey.generate()
    credential = build_credential(portfolio, portfolio.goals["self-assessed-labs"], did_key(key.public_key()),
                                  "2026-11-24T10:00:00Z")
    return sign(credential, key, verification_method(key.public_key()), "2026-11-24T10:00:00Z")


def test_credentials_validate_against_the_ob3_schema_and_verify(signed_goal_credential):
    validator = jsonschema.Draft201909Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(signed_goal_credential)] == []
    result = verify(signed_goal_credential)
    assert result.ok and len(result.checked) == 1
    achievement = signed_goal_credential["credentialSubject"]["achievement"]
    assert {a["targetCode"] for a in achievement["alignment"]} == {"5", "4", "7a"}
    assert len(signed_goal_credential["evidence"]) == 3


@pytest.mark.parametrize("tamper", [
    lambda c: c["credentialSubject"]["achievement"].__setitem__("name", "Something else"),
    lambda c: c.__setitem__("validFrom", "2020-01-01T00:00:00Z"),
    lambda c: c["evidence"].pop(),
    lambda c: c["proof"][0].__setitem__("created", "2026-11-25T10:00:00Z"),
    lambda c: c["proof"][0].__setitem__("proofValue", c["proof"][0]["proofValue"][:-2] + "11"),
    lambda c: c.pop("proof"),
])
def test_any_change_breaks_the_proof(signed_goal_credential, tamper):
    tampered = copy.deepcopy(signed_goal_credential)
    tamper(tampered)
    assert not verify(tampered).ok


def test_the_loader_never_fetches():
    with pytest.raises(ContextNotAvailable):
        make_loader()("https://evil.example/context.json")
    doc = {**VECTOR_DOC, "proof": [{"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022",
                                    "verificationMethod": f"did:key:{VECTOR_PUBLIC}#{VECTOR_PUBLIC}",
                                    "proofValue": VECTOR_PROOF, "created": "2023-02-24T23:36:38Z",
                                    "proofPurpose": "assertionMethod"}]}
    result = verify(doc)  # the examples context is not vendored: a clear failure, no network
    assert not result.ok and "not available offline" in result.errors[0]


@settings(max_examples=8, deadline=None)
@given(name=st.text(min_size=1, max_size=40).filter(lambda s: s.strip()))
def test_sign_then_verify_for_any_subject_name(name):
    key = Ed25519PrivateKey.generate()
    doc = {"@context": ["https://www.w3.org/ns/credentials/v2",
                        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
           "id": "urn:uuid:1", "type": ["VerifiableCredential", "OpenBadgeCredential"],
           "issuer": {"id": did_key(key.public_key()), "type": ["Profile"], "name": name},
           "validFrom": "2026-01-01T00:00:00Z",
           "credentialSubject": {"type": ["AchievementSubject"], "achievement": {
               "id": "urn:uuid:2", "type": ["Achievement"], "name": name, "description": name,
               "criteria": {"narrative": name}}}}
    assert verify(sign(doc, key, verification_method(key.public_key()), timestamp())).ok


def test_issuing_creates_a_private_key_once_and_never_overwrites(example_copy):
    store = PortfolioStore(example_copy)
    rel, credential = issue_badge(store, "goals/self-assessed-labs")
    key_path = example_copy / KEY_FILE
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    assert rel == "badges/goals-self-assessed-labs.json"
    rel2, credential2 = issue_badge(store, "goals/self-assessed-labs")
    assert rel2 == "badges/goals-self-assessed-labs-2.json"
    assert credential["issuer"]["id"] == credential2["issuer"]["id"], "the same key is reused"
    assert load_or_create_key(key_path).public_key() is not None


def test_an_unfinished_pathway_is_refused(example_copy):
    with pytest.raises(StoreError, match="not complete yet"):
        issue_badge(PortfolioStore(example_copy), "pathways/science-pl-menu")


def test_a_completed_pathway_earns_its_badge(example_copy):
    (example_copy / "activities/tip.md").write_text(
        '+++\ntitle = "Tech tip at staff meeting"\ndate = 2026-11-20\nhours = 0.5\npathway = "science-pl-menu"\n'
        'pathway_element = "tech-tip"\n+++\n', "utf-8")
    rel, credential = issue_badge(PortfolioStore(example_copy), "pathways/science-pl-menu")
    assert credential["credentialSubject"]["achievement"]["name"] == "Cedar Ridge PL Explorer 2026-2027"
    assert verify(credential).ok


def test_cli_issue_and_verify(example_copy):
    result = CliRunner().invoke(main, ["badge", "issue", "goals/self-assessed-labs", "--portfolio", str(example_copy)])
    assert result.exit_code == 0, result.output
    path = example_copy / "badges/goals-self-assessed-labs.json"
    ok = CliRunner().invoke(main, ["verify", str(path)])
    assert ok.exit_code == 0 and "verified" in ok.output
    path.write_text(path.read_text("utf-8").replace("shared rubric", "shared Rubric"), "utf-8")
    bad = CliRunner().invoke(main, ["verify", str(path)])
    assert bad.exit_code == 1 and "does not match" in bad.output
    missing = CliRunner().invoke(main, ["badge", "issue", "goals/nope", "--portfolio", str(example_copy)])
    assert missing.exit_code == 1 and "not a goal or pathway" in missing.output
