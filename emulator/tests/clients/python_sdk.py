"""cos-python-sdk-v5 1.9.44 as a client of the local emulator.

Usage: python python_sdk.py http://127.0.0.1:<port>

The SDK is pointed at the emulator the way a user points it at a local
server: CosConfig(IP=..., Port=..., Scheme='http'). Each of the seven CI
methods must get a success response of the documented shape, with permanent
and with temporary keys; with a wrong SecretKey each must get 403
SignatureDoesNotMatch. Prints `N passed, M failed`.
"""
import sys
import time
from urllib.parse import urlparse

from qcloud_cos import CosConfig, CosS3Client
from qcloud_cos.cos_exception import CosServiceError

BUCKET = "examplebucket-1250000000"
url = urlparse(sys.argv[1])
passed, failed = 0, 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name} {detail}", file=sys.stderr)


def client(secret_id, secret_key, token=None):
    conf = CosConfig(Region="ap-guangzhou", SecretId=secret_id, SecretKey=secret_key, Token=token,
                     Scheme="http", IP=url.hostname, Port=url.port)
    return CosS3Client(conf, retry=0)


def run(label, c):
    queues = c.ci_get_doc_queue(Bucket=BUCKET)
    check(f"{label} ci_get_doc_queue", queues["QueueList"][0]["Category"] == "DocProcessing", queues)
    queue_id = queues["QueueList"][0]["QueueId"]

    ai = c.ci_get_ai_queue(Bucket=BUCKET)
    check(f"{label} ci_get_ai_queue", ai["QueueList"][0]["Category"] == "AIProcess", ai)
    ai_id = ai["QueueList"][0]["QueueId"]

    body = {"Name": "doc-queue", "QueueID": queue_id, "State": "Active",
            "NotifyConfig": {"Type": "Url", "Url": "http://www.demo.callback.com", "Event": "TaskFinish",
                             "State": "On", "ResultFormat": "JSON"}}
    updated = c.ci_update_doc_queue(Bucket=BUCKET, QueueId=queue_id, Request=body, ContentType="application/xml")
    check(f"{label} ci_update_doc_queue", updated["Queue"][0]["NotifyConfig"]["State"] == "On", updated)

    ai_body = {"Name": "ai-queue", "State": "Active"}
    updated = c.ci_update_ai_queue(Bucket=BUCKET, QueueId=ai_id, Request=ai_body, ContentType="application/xml")
    check(f"{label} ci_update_ai_queue", updated["Queue"][0]["Name"] == "ai-queue", updated)

    created = c.ci_create_doc_job(Bucket=BUCKET, QueueId=queue_id, InputObject="normal.pptx",
                                  OutputBucket=BUCKET, OutputRegion="ap-guangzhou",
                                  OutputObject="/test_doc/normal/abc_${Number}.jpg", PageRanges="1,3")
    check(f"{label} ci_create_doc_job", created["JobsDetail"]["State"] == "Submitted", created)
    job_id = created["JobsDetail"]["JobId"]

    deadline = time.time() + 10
    while True:
        job = c.ci_get_doc_job(Bucket=BUCKET, JobID=job_id)
        state = job["JobsDetail"][0]["State"]
        if state in ("Success", "Failed") or time.time() > deadline:
            break
        time.sleep(0.05)
    pages = job["JobsDetail"][0]["Operation"]["DocProcessResult"]["PageInfo"]
    check(f"{label} ci_get_doc_job", state == "Success" and [p["TgtUri"] for p in pages] ==
          ["test_doc/normal/abc_1.jpg", "test_doc/normal/abc_2.jpg"], job)

    listed = c.ci_list_doc_jobs(Bucket=BUCKET, QueueId=queue_id, Size=10)
    check(f"{label} ci_list_doc_jobs", any(j["JobId"] == job_id for j in listed["JobsDetail"]), listed)


def refused(label, c):
    calls = {
        "ci_get_doc_queue": lambda: c.ci_get_doc_queue(Bucket=BUCKET),
        "ci_update_doc_queue": lambda: c.ci_update_doc_queue(Bucket=BUCKET, QueueId="p0", Request={"Name": "n", "State": "Active"}),
        "ci_get_ai_queue": lambda: c.ci_get_ai_queue(Bucket=BUCKET),
        "ci_update_ai_queue": lambda: c.ci_update_ai_queue(Bucket=BUCKET, QueueId="p0", Request={"Name": "n", "State": "Active"}),
        "ci_create_doc_job": lambda: c.ci_create_doc_job(Bucket=BUCKET, QueueId="p0", InputObject="a.docx", OutputBucket=BUCKET,
                                                         OutputRegion="ap-guangzhou", OutputObject="o/${Number}.jpg"),
        "ci_get_doc_job": lambda: c.ci_get_doc_job(Bucket=BUCKET, JobID="d0"),
        "ci_list_doc_jobs": lambda: c.ci_list_doc_jobs(Bucket=BUCKET, QueueId="p0"),
    }
    for name, call in calls.items():
        try:
            call()
            check(f"{label} {name}", False, "succeeded with a wrong key")
        except CosServiceError as e:
            check(f"{label} {name}", e.get_status_code() == 403 and "<Code>SignatureDoesNotMatch</Code>" in e.get_origin_msg(),
                  e.get_origin_msg())


run("permanent", client("AKIDEXAMPLE", "secretEXAMPLE"))
run("temporary", client("AKIDTMPEXAMPLE", "tmpsecretEXAMPLE", "tokenEXAMPLE"))
refused("wrong key", client("AKIDEXAMPLE", "not-the-key"))
refused("wrong temporary key", client("AKIDTMPEXAMPLE", "not-the-key", "tokenEXAMPLE"))
print(f"python cos-python-sdk-v5: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
