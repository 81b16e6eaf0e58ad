package io.clamator.sample.docs.calling;

import io.clamator.boot.autoconfigure.client.ClamatorClients;
import io.clamator.client.RpcClient;
import io.clamator.sample.docs.calling.Billing.Invoice;
import io.clamator.sample.docs.calling.Billing.InvoiceRequest;
import io.clamator.sample.docs.serving.FeatureFlags.Flag;
import io.clamator.sample.docs.serving.FeatureFlags.FlagQuery;
import java.time.Duration;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Service;

/** Calls without a contract interface: service and method by name. */
@Profile("docs")
@Service
public class FlagLookup {

    private final RpcClient client;

    private final ClamatorClients clients;

    public FlagLookup(RpcClient client, ClamatorClients clients) {
        this.client = client;
        this.clients = clients;
    }

    public boolean enabled(String name) {
        Flag flag = client.call("flags", "get", new FlagQuery(name), Flag.class, Duration.ofMillis(300));
        return flag.enabled();
    }

    public void enable(String name) {
        client.notify("flags", "set", new Flag(name, true));
    }

    public Invoice invoice(String orderId, double amount) {
        RpcClient billing = clients.client("billing");
        return billing.call("billing", "invoice", new InvoiceRequest(orderId, amount), Invoice.class);
    }
}
