#!/usr/bin/env python3
"""A deterministic corpus of Iterable-style webhook bodies, one JSON object a line.

usage: make_corpus.py N OUT.ndjson [--seed S]

About 70% are system webhook events ({email, eventName, dataFields}) spread over Iterable's
email, SMS, push and in-app event types, each with the dataFields its type carries; the rest are
journey webhook bodies as a user composes them (profile fields, a nested array of items, a
phone number left out now and then). Members come and go, some are null, numbers are integers
and decimals: what schema inference, templates and mappings meet in real traffic.

The benchmarks and `SchemaInferCorpusTests` use it; the same N and seed give the same bytes.
What the tests rely on: every top-level `email` is an address, every `dataFields.url` a URI;
`dataFields.workflowId` is always present, an integer or null; `dataFields.locale` is sometimes
missing and sometimes null; `dataFields.createdAt` reads "2026-03-04 05:06:07 +00:00" (Iterable's
form, not RFC 3339).
"""
import json
import random
import sys

NAMES = ["Ana", "Ben", "Chloé", "Dmitri", "Eve", "Farah", "Gus", "Hana", "Ivo", "Jun", "Kemal", "Lía"]
PLACES = [("San Francisco", "CA"), ("Austin", "TX"), ("New York", "NY"), ("Denver", "CO"), ("Portland", "OR")]
CAMPAIGNS = ["Welcome", "Cart reminder", "Review request", "Win-back"]


class Corpus:
    """Draws events from one seeded generator, so a run is a pure function of (N, seed)."""

    def __init__(self, seed):
        self.r = random.Random(seed)

    def pick(self, options):
        return options[self.r.randrange(len(options))]

    def created_at(self):
        r = self.r
        return "2026-%02d-%02d %02d:%02d:%02d +00:00" % (
            r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59))

    def phone(self):
        return "+1415555%04d" % self.r.randint(0, 9999)

    def email(self):
        return "user%d@example.com" % self.r.randint(1, 50000)

    # Each event type's own dataFields, added to the ones every message event has.
    def email_fields(self, d):
        d["emailSubject"] = "Your order #%d" % self.r.randint(1, 10**6)
        d["campaignName"] = self.pick(CAMPAIGNS)

    def email_click(self, d):
        self.email_fields(d)
        d["url"] = "https://shop.example.com/p/%d?utm_source=iterable" % self.r.randint(1, 9999)
        d["userAgent"] = "Mozilla/5.0 (X11; Linux x86_64)"
        d["ip"] = "203.0.113.%d" % self.r.randint(1, 254)

    def email_bounce(self, d):
        self.email_fields(d)
        d["recipientState"] = self.pick(["HardBounce", "SoftBounce"])

    def sms_fields(self, d):
        d["toPhoneNumber"] = self.phone()
        d["fromPhoneNumber"] = "+14155550000"

    def sms_received(self, d):
        self.sms_fields(d)
        d["smsMessage"] = self.pick(["STOP", "YES", "Thanks!"])

    def push_fields(self, d):
        d["platformEndpoint"] = self.pick(["APNS", "GCM"])
        d["payload"] = {"deepLink": "app://item/%d" % self.r.randint(1, 999)}

    def in_app(self, d):
        d["platformEndpoint"] = self.pick(["APNS", "GCM", "web"])

    TYPES = [
        ("emailSend", email_fields), ("emailOpen", email_fields), ("emailClick", email_click),
        ("emailBounce", email_bounce), ("emailComplaint", email_fields), ("emailUnSubscribe", email_fields),
        ("smsSend", sms_fields), ("smsReceived", sms_received), ("pushSend", push_fields),
        ("pushOpen", push_fields), ("inAppOpen", in_app),
    ]

    def system_event(self):
        r = self.r
        name, add_fields = self.pick(self.TYPES)
        email = self.email()
        data = {"email": email, "createdAt": self.created_at(), "campaignId": r.randint(1000, 99999),
                "templateId": r.randint(1000, 99999), "messageId": "%032x" % r.getrandbits(128),
                "workflowId": r.randint(100, 9999) if r.random() < 0.5 else None,
                "channelId": r.randint(1, 40), "messageTypeId": r.randint(1, 80)}
        add_fields(self, data)
        if r.random() < 0.3:
            data["locale"] = self.pick(["en-US", "fr-FR", None])
        return {"email": email, "eventName": name, "dataFields": data}

    def journey_body(self):
        r = self.r
        city, state = self.pick(PLACES)
        body = {"email": self.email(), "workflowId": r.randint(100, 9999), "firstName": self.pick(NAMES),
                "phoneNumber": self.phone(), "locationIdentifier": "loc-%03d" % r.randint(1, 40),
                "city": city, "state": state, "promotionId": r.randint(1, 500),
                "color": self.pick(["red", "blue", "green"]), "total": round(r.uniform(5, 500), 2),
                "signupDate": "2026-%02d-%02d" % (r.randint(1, 12), r.randint(1, 28))}
        if r.random() < 0.5:
            body["items"] = [{"sku": "SKU-%d" % r.randint(1, 999), "quantity": r.randint(1, 4),
                              "price": round(r.uniform(1, 99), 2)} for _ in range(r.randint(1, 4))]
        if r.random() < 0.2:
            del body["phoneNumber"]
        return body

    def event(self):
        return self.system_event() if self.r.random() < 0.7 else self.journey_body()


def main(argv):
    if len(argv) < 3 or not argv[1].isdigit():
        sys.exit("usage: make_corpus.py N OUT.ndjson [--seed S]")
    count, out = int(argv[1]), argv[2]
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 7
    corpus = Corpus(seed)
    with open(out, "w", encoding="utf-8") as f:
        for _ in range(count):
            f.write(json.dumps(corpus.event(), ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main(sys.argv)
