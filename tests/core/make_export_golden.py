# Prints tests/core/export_golden.inc: run it with a lectern-progress binary (the old one whose bytes the
# streaming export must keep) on stores made by `export_stores tests/data/fixture-course /tmp/goldstores`.
# usage: python3 tests/core/make_export_golden.py LECTERN_PROGRESS [STORES_DIR]
import hashlib, subprocess, uuid, sys
tool = sys.argv[1]
stores = sys.argv[2] if len(sys.argv) > 2 else "/tmp/goldstores"
ns = uuid.UUID("3d9a0b1e-6c1f-5a42-9b7e-0f4d2c6a8e13")
def fp(b):
    h = bytearray(hashlib.sha1(ns.bytes + b).digest()[:16])
    h[6] = (h[6] & 0x0f) | 0x50; h[8] = (h[8] & 0x3f) | 0x80
    return str(uuid.UUID(bytes=bytes(h)))
for store in ["empty", "one", "names", "typed", "course"]:
    for fmt in ["csv", "xapi"]:
        for with_course in [False, True]:
            args = [tool, "export", "--format", fmt, "--data-dir", stores + "/" + store]
            if with_course: args += ["--course", "tests/data/fixture-course"]
            out = subprocess.run(args, capture_output=True, check=True).stdout
            print('    {"%s", "%s", %s, %d, "%s"},' % (store, fmt, "true" if with_course else "false", len(out), fp(out)))
