// SPDX-License-Identifier: GPL-3.0-or-later
// The Vendure OmniTill's hub forwards store sales to and reads the shop from (docs/CONNECTORS.md). Plain JavaScript,
// no build step: Vendure 3.7 on SQLite (better-sqlite3: a real SQLite file in WAL mode, so a server killed with
// SIGKILL loses nothing it answered), listening on loopback only.
'use strict';
const crypto = require('crypto');
const path = require('path');
const { parse } = require('graphql');
const { EventSubscriber } = require('typeorm');
const { Args, Resolver, Mutation } = require('@nestjs/graphql');
const {
    Allow, ActiveOrderService, Ctx, Customer, OrderService, DefaultJobQueuePlugin, DefaultSearchPlugin, DefaultStockLocationStrategy,
    EventBus, LanguageCode, Order, OrderLine, OrderStateTransitionEvent, PaymentMethodHandler, Permission,
    PluginCommonModule, RandomBytesApiKeyStrategy, Refund, RequestContext, Transaction, TransactionalConnection,
    VendurePlugin,
} = require('@vendure/core');

const PORT = Number(process.env.VENDURE_PORT || 3000);
const HOST = process.env.VENDURE_HOST || '127.0.0.1';
const DB = process.env.VENDURE_DB || path.join(__dirname, 'vendure.sqlite');
// Where phones and tills reach the OmniTill hub: the cart hand-off code a phone shows is HUB/h/TOKEN, as the hub's own.
const HUB_URL = (process.env.OMNITILL_HUB_URL || 'http://127.0.0.1:8787').replace(/\/+$/, '');
const HANDOFF_TTL_MS = Number(process.env.OMNITILL_HANDOFF_TTL_S || 900) * 1000; // as the hub's: 15 minutes

// A store sale reaches Vendure hours after it was rung up when the till was offline: it is booked at the price the
// till charged (OrderLine.posUnitPriceWithTax, gross minor units, set only through the Admin API), not today's.
// (DefaultOrderItemPriceCalculationStrategy is not exported by @vendure/core 3.7.3, so its two lines are here.)
class PosPriceStrategy {
    calculateUnitPrice(ctx, productVariant, orderLineCustomFields) {
        const till = orderLineCustomFields && orderLineCustomFields.posUnitPriceWithTax;
        return till != null ? { price: till, priceIncludesTax: true }
                            : { price: productVariant.listPrice, priceIncludesTax: productVariant.listPriceIncludesTax };
    }
}

// A store sale takes its goods from the store's stock location (Order.posStockLocationId); other orders as before.
class PosStockLocationStrategy extends DefaultStockLocationStrategy {
    async forAllocation(ctx, stockLocations, orderLine, quantity) {
        const line = await this.connection.getRepository(ctx, OrderLine).findOne({
            where: { id: orderLine.id }, relations: { order: true } });
        const id = line && line.order && line.order.customFields && line.order.customFields.posStockLocationId;
        const store = id != null && stockLocations.find(l => String(l.id) === String(id));
        return store ? [{ location: store, quantity }] : super.forAllocation(ctx, stockLocations, orderLine, quantity);
    }

    // A store sale has happened: the goods left the store with the customer. The hub's requests (the Admin API with an
    // API key) are never refused for stock Vendure believes is not there, or a sale would stay out of Vendure until
    // someone counted; the store's stock goes below zero until it is counted. The web shop (Shop API) and people in
    // the admin app see and are held to the real figures.
    async getAvailableStock(ctx, productVariantId, stockLevels) {
        const stock = await super.getAvailableStock(ctx, productVariantId, stockLevels);
        const byKey = ctx.apiType === 'admin' && ctx.req && typeof ctx.req.get === 'function' && ctx.req.get('vendure-api-key');
        return byKey ? { stockOnHand: Number.MAX_SAFE_INTEGER, stockAllocated: 0 } : stock;
    }
}

// A refund by amount (RefundOrderInput in 3.7 has only amount, paymentId and reason) leaves the entity's deprecated
// items, shipping and adjustment unset, and SQLite refuses the row (NOT NULL constraint failed: refund.shipping).
class RefundDefaults {
    listenTo() { return Refund; }
    beforeInsert(event) {
        for (const field of ['items', 'shipping', 'adjustment'])
            if (event.entity[field] == null) event.entity[field] = 0;
    }
}
EventSubscriber()(RefundDefaults); // TypeORM loads only decorated subscribers

// The till took the money (cash, card at its own terminal, gift cards, points): settled at once.
const inStorePayment = new PaymentMethodHandler({
    code: 'in-store',
    description: [{ languageCode: LanguageCode.en, value: 'Paid in a store, at an OmniTill till' }],
    args: {},
    createPayment: (ctx, order, amount, args, metadata) => ({
        amount, state: 'Settled', transactionId: metadata.transactionId, metadata: { public: metadata } }),
    settlePayment: () => ({ success: true }),
    // A return at the till already paid the customer back; Vendure records it.
    createRefund: (ctx, input, amount, order, payment) => ({ state: 'Settled', transactionId: input.reason || '' }),
});
// What the demo's web shop and app pay with (no payment provider on a test machine).
const onlinePayment = new PaymentMethodHandler({
    code: 'online-demo',
    description: [{ languageCode: LanguageCode.en, value: 'Online (demo payment provider)' }],
    args: {},
    createPayment: (ctx, order, amount) => ({ amount, state: 'Settled', transactionId: 'psp-' + order.code, metadata: {} }),
    settlePayment: () => ({ success: true }),
    createRefund: () => ({ state: 'Settled' }),
});

// Loyalty points of orders placed online (web, app): 1 point per full currency unit, once, when paid. A store sale's
// points are the hub's (its loyalty rules, tiers and redemptions at the till) and are not counted here a second time.
class LoyaltyPlugin {
    constructor(eventBus, connection) { this.eventBus = eventBus; this.connection = connection; }
    onApplicationBootstrap() {
        this.eventBus.ofType(OrderStateTransitionEvent).subscribe(async event => {
            const order = event.order;
            if (event.toState !== 'PaymentSettled' || !order.customerId) return;
            if (order.customFields && order.customFields.posTransactionId) return;
            const customers = this.connection.getRepository(event.ctx, Customer);
            const customer = await customers.findOne({ where: { id: order.customerId } });
            if (!customer) return;
            customer.customFields.loyaltyPoints = (customer.customFields.loyaltyPoints || 0)
                + Math.floor(order.totalWithTax / 100);
            await customers.save(customer);
        });
    }
}
Reflect.defineMetadata('design:paramtypes', [EventBus, TransactionalConnection], LoyaltyPlugin);
VendurePlugin({ imports: [PluginCommonModule] })(LoyaltyPlugin);

// Plain JavaScript has no decorators: a resolver class with one mutation `method(ctx[, args])`, allowed with
// `permission` and run in a transaction, decorated by hand as TypeScript would, its constructor taking `services`.
function mutationResolver(resolver, services, method, permission, withArgs) {
    Reflect.defineMetadata('design:paramtypes', services, resolver);
    const proto = resolver.prototype;
    Reflect.defineMetadata('design:paramtypes', withArgs ? [RequestContext, Object] : [RequestContext], proto, method);
    Ctx()(proto, method, 0);
    if (withArgs) Args()(proto, method, 1);
    Reflect.decorate([Mutation(), Allow(permission), Transaction()], proto, method,
        Object.getOwnPropertyDescriptor(proto, method));
    Resolver()(resolver);
}

// The cart hand-off a phone shows at the till (Shop API, signed-in customer): a code in OmniTill's own form
// (HUB/h/TOKEN, 26 Crockford base32 symbols, 130 random bits), so a till reads it as it reads the hub's. Vendure keeps
// only the token's SHA-256 (Order.handoffTokenHash, not in the Shop API) and its expiry; the hub finds the cart by it.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function newHandoffToken() {
    const bytes = crypto.randomBytes(17); // 136 bits, 130 used
    let bits = 0n;
    for (const b of bytes) bits = (bits << 8n) | BigInt(b);
    let token = '';
    for (let i = 0; i < 26; ++i) token += CROCKFORD[Number((bits >> BigInt(5 * i)) & 31n)];
    return token;
}
class CartHandoffResolver {
    constructor(activeOrderService, connection) { this.activeOrderService = activeOrderService; this.connection = connection; }
    async createCartHandoff(ctx) {
        const order = await this.activeOrderService.getActiveOrder(ctx, undefined, false);
        if (!order) return null;
        const token = newHandoffToken();
        const expiresAt = new Date(Date.now() + HANDOFF_TTL_MS);
        await this.connection.getRepository(ctx, Order).update(order.id, { customFields: {
            handoffTokenHash: crypto.createHash('sha256').update(token).digest('hex'), handoffExpiresAt: expiresAt } });
        return { qrPayload: `${HUB_URL}/h/${token}`, expiresAt };
    }
}
mutationResolver(CartHandoffResolver, [ActiveOrderService, TransactionalConnection], 'createCartHandoff',
    Permission.Owner, false);
class CartHandoffPlugin {}
VendurePlugin({
    imports: [PluginCommonModule],
    shopApiExtensions: {
        schema: parse(`type CartHandoff { qrPayload: String!  expiresAt: DateTime! }
                       extend type Mutation { createCartHandoff: CartHandoff }`),
        resolvers: [CartHandoffResolver],
    },
})(CartHandoffPlugin);

// API keys are 256 random bits, so a SHA-256 of the key is as safe to keep as a bcrypt hash, and checking it costs
// microseconds where bcrypt's 12 rounds cost 0.2 s of CPU on every request the hub makes.
const sha256Keys = {
    hash: async key => crypto.createHash('sha256').update(key).digest('hex'),
    check: async (key, hash) => {
        const mine = Buffer.from(crypto.createHash('sha256').update(key).digest('hex'));
        const kept = Buffer.from(String(hash));
        return mine.length === kept.length && crypto.timingSafeEqual(mine, kept);
    },
};

// A return at a till against a store sale, booked once: the goods that went back on the shelf cancelled on the order
// (Vendure puts them back in the location they were sold from) and the money the till paid back refunded, in one
// transaction, keyed by the return's id. The network may bring the same request twice (a client resending after a
// lost answer); the order remembers the returns it holds (Order.posReturns) and the second changes nothing.
class PosReturnResolver {
    constructor(orderService, connection) { this.orderService = orderService; this.connection = connection; }
    async bookPosReturn(ctx, args) {
        const { orderId, reference, lines, paymentId, amount } = args.input;
        const orders = this.connection.getRepository(ctx, Order);
        const order = await orders.findOne({ where: { id: orderId } });
        if (!order) throw new Error(`there is no order ${orderId}`);
        const booked = JSON.parse((order.customFields && order.customFields.posReturns) || '[]');
        if (booked.includes(reference)) return { orderId: order.id, booked: false };
        if (lines.length > 0) {
            const cancelled = await this.orderService.cancelOrder(ctx, { orderId, lines, reason: reference, cancelShipping: false });
            if (cancelled.errorCode) throw new Error(`${cancelled.errorCode}: ${cancelled.message}`);
        }
        if (amount > 0) {
            const refund = await this.orderService.refundOrder(ctx, { paymentId, amount, reason: reference });
            if (refund.errorCode) throw new Error(`${refund.errorCode}: ${refund.message}`);
        }
        booked.push(reference);
        await orders.update(order.id, { customFields: { posReturns: JSON.stringify(booked) } });
        return { orderId: order.id, booked: true };
    }
}
mutationResolver(PosReturnResolver, [OrderService, TransactionalConnection], 'bookPosReturn', Permission.UpdateOrder,
    true);
class PosReturnPlugin {}
VendurePlugin({
    imports: [PluginCommonModule],
    adminApiExtensions: {
        schema: parse(`input PosReturnLineInput { orderLineId: ID!  quantity: Int! }
                       input PosReturnInput { orderId: ID!  reference: String!  lines: [PosReturnLineInput!]!
                                              paymentId: ID  amount: Int! }
                       type PosReturnResult { orderId: ID!  booked: Boolean! }
                       extend type Mutation { bookPosReturn(input: PosReturnInput!): PosReturnResult! }`),
        resolvers: [PosReturnResolver],
    },
})(PosReturnPlugin);

const config = {
    apiOptions: {
        hostname: HOST, port: PORT, adminApiPath: 'admin-api', shopApiPath: 'shop-api',
        cors: { origin: [`http://127.0.0.1:${PORT}`, `http://localhost:${PORT}`], credentials: true },
        adminApiPlayground: false, shopApiPlayground: false,
    },
    authOptions: {
        tokenMethod: ['bearer', 'api-key'], // 'api-key': without it the vendure-api-key header is ignored
        superadminCredentials: {
            identifier: process.env.VENDURE_ADMIN_USER || 'superadmin',
            password: process.env.VENDURE_ADMIN_PASSWORD || 'superadmin',
        },
        cookieOptions: { secret: process.env.VENDURE_COOKIE_SECRET || crypto.randomBytes(24).toString('hex') },
        requireVerification: false,
        adminApiKeyStrategy: new RandomBytesApiKeyStrategy({ hashingStrategy: sha256Keys }),
        shopApiKeyStrategy: new RandomBytesApiKeyStrategy({ hashingStrategy: sha256Keys }),
    },
    dbConnectionOptions: {
        type: 'better-sqlite3', database: DB, synchronize: true, logging: false, subscribers: [RefundDefaults],
        prepareDatabase: db => { db.pragma('journal_mode = WAL'); db.pragma('synchronous = FULL'); db.pragma('busy_timeout = 5000'); },
    },
    paymentOptions: { paymentMethodHandlers: [inStorePayment, onlinePayment] },
    catalogOptions: { stockLocationStrategy: new PosStockLocationStrategy() },
    orderOptions: { orderItemPriceCalculationStrategy: new PosPriceStrategy() },
    customFields: {
        ProductVariant: [{ name: 'barcode', type: 'string', unique: true, nullable: true }],
        Order: [
            // The sale's id at the till: the database refuses a second order for it (exactly once).
            { name: 'posTransactionId', type: 'string', unique: true, nullable: true, public: false },
            { name: 'posReceiptNo', type: 'string', nullable: true, public: false },
            { name: 'posStockLocationId', type: 'int', nullable: true, public: false },
            { name: 'origin', type: 'string', nullable: true, public: true }, // web | app | store:CODE
            { name: 'posReturns', type: 'text', nullable: true, public: false, readonly: true }, // the returns booked
            { name: 'handoffTokenHash', type: 'string', nullable: true, public: false, readonly: true },
            { name: 'handoffExpiresAt', type: 'datetime', nullable: true, public: false, readonly: true },
        ],
        // admin-only, or the web shop could set its own prices
        OrderLine: [{ name: 'posUnitPriceWithTax', type: 'int', nullable: true, public: false }],
        Customer: [
            { name: 'loyaltyCardNo', type: 'string', unique: true, nullable: true, public: false },
            { name: 'loyaltyPoints', type: 'int', defaultValue: 0, public: true, readonly: true },
        ],
    },
    plugins: [DefaultJobQueuePlugin.init({}), DefaultSearchPlugin.init({}), LoyaltyPlugin, CartHandoffPlugin,
        PosReturnPlugin],
};
module.exports = { config };
