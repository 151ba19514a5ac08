import ConnectorKit
import ConnectorTesting
import IterableConnector
import Testing

@Suite struct IterableSystemWebhookTests {
    let trigger = SystemWebhook()
    /// The fixture iterable-system-emailOpen.sample.json, trimmed.
    static let emailOpen: JSONValue = [
        "email": "ana@example.com", "eventName": "emailOpen",
        "dataFields": ["email": "ana@example.com", "createdAt": "2026-06-10 14:02:11 +00:00", "campaignId": 5_123_456,
                       "workflowId": 88211, "messageId": "2f9c0c1e8b7d4f0e9a1b2c3d4e5f6a7b"],
    ]
    /// The fixture iterable-system-smsReceived.sample.json.
    static let smsReceived: JSONValue = [
        "email": "ana@example.com", "eventName": "smsReceived",
        "dataFields": ["email": "ana@example.com", "fromPhoneNumber": "+15551230000", "toPhoneNumber": "+15559870000",
                       "smsMessage": "STOP", "createdAt": "2026-06-12 18:40:03 +00:00"],
    ]

    @Test func noEventNamesMatchesEveryEvent() {
        #expect(trigger.matches(Self.emailOpen, options: [:]))
        #expect(trigger.matches(Self.smsReceived, options: ["eventNames": []]))
        #expect(trigger.matches(["email": "ana@example.com"], options: [:]))
    }

    @Test func eventNamesFilterOnTheEventName() {
        let options: JSONValue = ["eventNames": ["emailOpen", "emailClick"]]
        #expect(trigger.matches(Self.emailOpen, options: options))
        #expect(!trigger.matches(Self.smsReceived, options: options))
        #expect(!trigger.matches(["email": "ana@example.com"], options: options))
        #expect(trigger.matches(Self.smsReceived, options: ["eventNames": ["smsReceived"]]))
    }

    @Test func theDeduplicationKeyIsNameMessageIdAndCreatedAt() throws {
        let key = try #require(trigger.deduplicationKey(Self.emailOpen))
        #expect(key == #"["emailOpen","2f9c0c1e8b7d4f0e9a1b2c3d4e5f6a7b","2026-06-10 14:02:11 +00:00"]"#)
        var retried = Self.emailOpen
        try retried.setValue("Other", at: JSONPath(dotted: "dataFields.campaignName"))
        #expect(trigger.deduplicationKey(retried) == key, "a redelivery with other fields is the same event")
        var later = Self.emailOpen
        try later.setValue("2026-06-10 14:05:00 +00:00", at: JSONPath(dotted: "dataFields.createdAt"))
        #expect(trigger.deduplicationKey(later) != key)
        var clicked = Self.emailOpen
        try clicked.setValue("emailClick", at: JSONPath(dotted: "eventName"))
        #expect(trigger.deduplicationKey(clicked) != key)
    }

    @Test func anEventWithoutMessageIdHasNoDeduplicationKey() {
        #expect(trigger.deduplicationKey(Self.smsReceived) == nil)
        #expect(trigger.deduplicationKey(["eventName": "emailOpen", "dataFields": ["messageId": "m1"]]) == nil)
    }

    @Test func theOptionsAreChecked() {
        #expect(trigger.optionSchema.validate(["eventNames": ["emailOpen"]]).isEmpty)
        #expect(trigger.optionSchema.validate([:]).isEmpty)
        #expect(!trigger.optionSchema.validate(["eventNames": "emailOpen"]).isEmpty)
    }

    @Test func theSamplesFitTheOutputSchema() {
        #expect(!IterableSchemas.systemWebhookSamples.isEmpty)
        for (index, sample) in IterableSchemas.systemWebhookSamples.enumerated() {
            let problems = ConnectorConformance.checkSample(sample, against: trigger, name: "sample\(index)")
            #expect(problems.isEmpty, "\(problems)")
        }
    }
}

@Suite struct IterableJourneyWebhookTests {
    let trigger = JourneyWebhook()
    /// The fixtures iterable-journey-cloutly.sample.json and iterable-journey-triggerWorkflow.sample.json.
    static let cloutly: JSONValue = ["email": "ana@example.com", "workflowId": 88211, "phoneNumber": "+15551230000", "firstName": "Ana",
                                     "locationIdentifier": "loc-42"]
    static let promotion: JSONValue = ["promotionId": 123, "color": "red", "email": "test.user@example.com", "workflowId": 12345]

    @Test func noWorkflowIdsMatchesEveryCall() {
        #expect(trigger.matches(Self.cloutly, options: [:]))
        #expect(trigger.matches(Self.promotion, options: ["workflowIds": []]))
        #expect(trigger.matches(["email": "ana@example.com"], options: [:]))
    }

    @Test func workflowIdsFilterOnTheTopLevelWorkflowId() {
        let options: JSONValue = ["workflowIds": [88211, 5]]
        #expect(trigger.matches(Self.cloutly, options: options))
        #expect(!trigger.matches(Self.promotion, options: options))
        #expect(!trigger.matches(["email": "ana@example.com"], options: options))
    }

    @Test func workflowIdsFilterOnANestedOrFormEncodedWorkflowId() {
        let options: JSONValue = ["workflowIds": [12345]]
        #expect(trigger.matches(["email": "a@example.com", "dataFields": ["workflowId": 12345]], options: options))
        #expect(!trigger.matches(["email": "a@example.com", "dataFields": ["workflowId": 12346]], options: options))
        // A form-encoded body (iterable-journey.form.sample.txt) carries the id as text.
        #expect(trigger.matches(["email": "test.user@example.com", "workflowId": "12345", "firstName": "Test"], options: options))
        #expect(!trigger.matches(["workflowId": "12345x"], options: options))
    }

    @Test func theOptionsAreChecked() {
        #expect(trigger.optionSchema.validate(["workflowIds": [88211]]).isEmpty)
        #expect(!trigger.optionSchema.validate(["workflowIds": ["88211"]]).isEmpty)
    }

    @Test func theSamplesFitTheOutputSchema() {
        #expect(!IterableSchemas.journeyWebhookSamples.isEmpty)
        for (index, sample) in IterableSchemas.journeyWebhookSamples.enumerated() {
            let problems = ConnectorConformance.checkSample(sample, against: trigger, name: "sample\(index)")
            #expect(problems.isEmpty, "\(problems)")
        }
    }
}
