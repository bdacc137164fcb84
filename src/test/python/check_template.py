"""Checks what template.yaml deploys, after the SAM transform, against what the service relies on.

cfn-lint checks that the template is valid; this checks that it says the right things: least privilege, the
schedule disabled by default with its retries and encrypted dead-letter queue, alarms, the table's protections.
Run by TemplateTest with the project's virtual environment (samtranslator comes with aws-sam-cli).
Prints one line per failed check and exits non-zero when any failed.
"""
import os
import sys

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

ITEM_ACTIONS = sorted(["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                       "dynamodb:ConditionCheckItem"])
failures = []


def actions(statement):
    action = statement["Action"]
    return action if isinstance(action, list) else [action]


def check(condition, message):
    if not condition:
        failures.append(message)


class NoManagedPolicies:
    def load(self):
        return {"AWSLambdaBasicExecutionRole":
                "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"}


def main(path):
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    source = yaml_parse(open(path).read())
    for name, resource in source["Resources"].items():
        if resource["Type"] == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = "s3://bucket/function.zip"
    parameters = source["Parameters"]
    deployed = transform(source, {"JwtIssuer": "https://issuer", "JwtAudience": "api",
                                  "JwtJwksUrl": "https://issuer/jwks"}, NoManagedPolicies())
    resources = deployed["Resources"]

    def of_type(kind):
        return {name: r for name, r in resources.items() if r["Type"] == kind}

    # The table: shared customer data, kept and recoverable; idempotency records expire.
    table = resources["DocumentsTable"]
    check(table.get("DeletionPolicy") == "Retain", "table is not retained on stack deletion")
    check(table["Properties"].get("BillingMode") == "PAY_PER_REQUEST", "table is not on demand")
    check(table["Properties"]["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True,
          "table has no point-in-time recovery")
    check(table["Properties"]["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True},
          "table TTL is not on expires_at")

    # Both functions: Java 21, SnapStart on published versions, and only the table's item actions.
    for function in ("CreateVersionFunction", "ScheduledDraftFunction"):
        properties = resources[function]["Properties"]
        check(properties["Runtime"] == "java21", f"{function} is not java21")
        check(properties.get("SnapStart") == {"ApplyOn": "PublishedVersions"}, f"{function} has no SnapStart")
        role = resources[function + "Role"]["Properties"]
        statements = [s for p in role.get("Policies", []) for s in p["PolicyDocument"]["Statement"]]
        table_statements = [s for s in statements if any(a.startswith("dynamodb:") for a in actions(s))]
        check(len(table_statements) == 1 and sorted(actions(table_statements[0])) == ITEM_ACTIONS
              and table_statements[0]["Resource"] == {"Fn::GetAtt": ["DocumentsTable", "Arn"]},
              f"{function} may do more than the item actions on the table: {table_statements}")
        others = [s for s in statements if s not in table_statements]
        check(all(a == "sqs:SendMessage" for s in others for a in actions(s)),
              f"{function} has permissions beyond the table and its dead-letter queue: {others}")

    # The schedule: disabled unless asked for, named per stack, retried, with an encrypted dead-letter queue.
    schedules = of_type("AWS::Scheduler::Schedule")
    check(len(schedules) == 1, "there is not exactly one schedule")
    schedule = next(iter(schedules.values()))["Properties"]
    check(parameters["EnableDraftSchedule"]["Default"] == "false", "the schedule is enabled by default")
    check(schedule["State"] == {"Fn::If": ["ScheduleEnabled", "ENABLED", "DISABLED"]},
          "the schedule's state does not follow EnableDraftSchedule")
    check("AWS::StackName" in str(schedule.get("Name")), "the schedule's name is not unique per stack")
    target = schedule["Target"]
    check(target["Arn"] == {"Ref": "ScheduledDraftFunctionAliaslive"}, "the schedule does not target the alias")
    check(target["RetryPolicy"]["MaximumRetryAttempts"] >= 1, "the schedule has no retries")
    check(target["DeadLetterConfig"]["Arn"] == {"Fn::GetAtt": ["ScheduledDraftDeadLetterQueue", "Arn"]},
          "the schedule has no dead-letter queue")
    for placeholder in ("<aws.scheduler.schedule-arn>", "<aws.scheduler.scheduled-time>"):
        check(placeholder in str(target["Input"]), f"the schedule's input lacks {placeholder}")
    queue = resources["ScheduledDraftDeadLetterQueue"]["Properties"]
    check(queue.get("SqsManagedSseEnabled") is True, "the dead-letter queue is not encrypted")

    # Function errors (not only hand-off failures) end in the same queue after Lambda's own retries.
    configs = of_type("AWS::Lambda::EventInvokeConfig")
    check(any(c["Properties"]["DestinationConfig"]["OnFailure"]["Destination"]
              == {"Fn::GetAtt": ["ScheduledDraftDeadLetterQueue", "Arn"]} for c in configs.values()),
          "failed invocations of the scheduled function do not reach the dead-letter queue")

    # Alarms: a run in the dead-letter queue, and a rejected run.
    alarms = [a["Properties"] for a in of_type("AWS::CloudWatch::Alarm").values()]
    check(any(a.get("MetricName") == "ApproximateNumberOfMessagesVisible" and a["Threshold"] == 1
              and {"Name": "QueueName", "Value": {"Fn::GetAtt": ["ScheduledDraftDeadLetterQueue", "QueueName"]}}
              in a["Dimensions"] for a in alarms), "no alarm on the dead-letter queue's depth")
    check(any(a.get("MetricName") == "ScheduledRunsRejected" for a in alarms), "no alarm on rejected runs")

    # Alarms on the create function's own metrics: the namespace it writes them to is the one watched, and
    # throttling (the table's and Lambda's) is watched too.
    create = resources["CreateVersionFunction"]["Properties"]
    namespace = create["Environment"]["Variables"].get("METRICS_NAMESPACE")
    check(any(a.get("MetricName") == "ServerErrors" and a.get("Namespace") == namespace
              and {"Name": "FunctionName", "Value": {"Ref": "CreateVersionFunction"}} in a["Dimensions"]
              for a in alarms), "no alarm on the create function's server errors in its metrics namespace")
    throttle_metrics = {m["MetricStat"]["Metric"]["MetricName"] for a in alarms for m in a.get("Metrics", [])
                        if "MetricStat" in m}
    check({"ReadThrottleEvents", "WriteThrottleEvents", "Throttles"} <= throttle_metrics,
          "no alarm on throttling of the table's reads and writes and of the function's invocations")
    # The summary lines that carry those metrics are INFO: Lambda drops lines below the application log level.
    check(set(parameters["LogLevel"]["AllowedValues"]) <= {"TRACE", "DEBUG", "INFO"},
          "a log level above INFO would drop the request summaries and with them the metrics")
    check(create["LoggingConfig"]["ApplicationLogLevel"] == {"Ref": "LogLevel"},
          "the create function's log level is not the LogLevel parameter")

    for failure in failures:
        print("FAILED: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
