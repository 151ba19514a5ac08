import CloutlyConnector
import ConnectorKit
import IterableConnector
import RegalConnector
import WebhookConnector

/// The connectors that ship with Hookline.
public enum BuiltInConnectors {
    /// Every built-in connector.
    public static var all: [any Connector] {
        [IterableConnector(), RegalConnector(), CloutlyConnector(), WebhookConnector()]
    }

    /// A registry of the built-in connectors; add your own with ``registry(adding:)``.
    public static var registry: ConnectorRegistry { ConnectorRegistry(all) }

    /// A registry of the built-in connectors and `extra` ones.
    public static func registry(adding extra: [any Connector]) -> ConnectorRegistry {
        ConnectorRegistry(all + extra)
    }
}
