package io.clamator.sample.docs.contracts;

/** Serves {@link Shipping}; made a service by a {@code @Bean @ClamatorService} method, not by scanning. */
public class ShippingService implements Shipping {

    private final double pricePerKg;

    public ShippingService(double pricePerKg) {
        this.pricePerKg = pricePerKg;
    }

    @Override
    public Label label(Parcel parcel) {
        double price = parcel.weightKg() * parcel.quantity() * pricePerKg + (parcel.fragile() ? 5 : 0);
        return new Label("TRK-" + parcel.sku(), price);
    }
}
