"""Independent check of a sei envelope with securesystemslib's DSSE verifier (the auditor recipe).

usage: verify_dsse.py FILE FILE.sig PUBKEY_HEX SUBJECT_NAME
  e.g. python3 verify_dsse.py .sei/bundle.json .sei/bundle.json.sig "$(cat .sei/PUBKEY.txt)" bundle.json
needs: pip install 'securesystemslib[crypto]'
Shipped with sei (scripts/verify_dsse.py in the npm package and the standalone tarball); the README's
"Verifying evidence without sei" runs it. securesystemslib's ECDSA verifier expects ASN.1 DER signatures;
sei stores 64-byte r||s (as the reference engine does), so the script converts them first.
"""
import base64, hashlib, json, sys
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from securesystemslib.dsse import Envelope
from securesystemslib.signer import SSlibKey

file_path, sig_path, pub_hex, subject = sys.argv[1:5]
raw = json.load(open(sig_path))
for s in raw["signatures"]:
    rs = base64.b64decode(s["sig"])
    if len(rs) == 64:
        s["sig"] = base64.b64encode(encode_dss_signature(int.from_bytes(rs[:32], "big"), int.from_bytes(rs[32:], "big"))).decode()
point = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), bytes.fromhex(pub_hex))
keyid = hashlib.sha256(bytes.fromhex(pub_hex)).hexdigest()
key = SSlibKey.from_crypto(point, keyid=keyid, scheme="ecdsa-sha2-nistp256")
envelope = Envelope.from_dict(raw)
envelope.verify([key], 1)  # raises on a bad signature
statement = json.loads(envelope.payload)
[sub] = statement["subject"]
assert sub["name"] == subject, "subject name"
assert sub["digest"]["sha256"] == hashlib.sha256(open(file_path, "rb").read()).hexdigest(), "digest"
print("securesystemslib: valid")
