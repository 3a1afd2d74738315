"""--data DIR through boto3: state made over the wire survives a kill -9 of the CLI."""
import os
import re
import shutil
import signal
import subprocess
import tempfile
import unittest

import boto3
from botocore.config import Config

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.join(ROOT, "packages", "emulator", "bin", "nextstep-emulator.js")
NODE = os.environ.get("NODE_BINARY", "node")


def start(data_dir):
    proc = subprocess.Popen([NODE, BIN, "--port", "0", "--data", data_dir], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in proc.stdout:
        m = re.search(r"listening on (http://\S+)", line)
        if m:
            return proc, m.group(1)
    raise RuntimeError("the emulator did not start")


def idp(endpoint):
    return boto3.client("cognito-idp", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="AKIAEMULATORTEST",
                        aws_secret_access_key="not-a-real-secret", config=Config(retries={"max_attempts": 1}))


class PersistenceTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="nextstep-boto3-data-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def test_state_survives_kill_9(self):
        proc, endpoint = start(self.dir)
        try:
            c = idp(endpoint)
            pool_id = c.create_user_pool(PoolName="kept")["UserPool"]["Id"]
            client_id = c.create_user_pool_client(UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
            c.admin_create_user(UserPoolId=pool_id, Username="lena", MessageAction="SUPPRESS")
            c.admin_set_user_password(UserPoolId=pool_id, Username="lena", Password="Passw0rd!", Permanent=True)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        proc, endpoint = start(self.dir)
        try:
            c = idp(endpoint)
            self.assertEqual(c.admin_get_user(UserPoolId=pool_id, Username="lena")["UserStatus"], "CONFIRMED")
            out = c.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "lena", "PASSWORD": "Passw0rd!"})
            self.assertIn("IdToken", out["AuthenticationResult"])
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()


if __name__ == "__main__":
    unittest.main()
