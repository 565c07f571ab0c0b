// SPDX-License-Identifier: GPL-3.0-or-later
// Seeds a running Vendure through its public APIs, as a shop owner and the shop's customers would: the channel, a
// stock location per store, products, customers with orders from the web and the app and an open cart, and the hub's
// role with an API key. Prints what it made as JSON (the key among it).
// VENDURE_URL=http://127.0.0.1:3000 OMNITILL_STORES=S001,S002 node seed.js > seed.json
'use strict';
const BASE = process.env.VENDURE_URL || 'http://127.0.0.1:3000';
const STORES = (process.env.OMNITILL_STORES || 'S001,S002').split(',').filter(Boolean);

// What the hub may do, and nothing else: read the catalog, customers, orders, stock and settings; make and change
// orders (store sales) and customers (walk-in, made at a till).
const HUB_PERMISSIONS = ['ReadCatalog', 'ReadProduct', 'ReadCustomer', 'CreateCustomer', 'UpdateCustomer', 'ReadOrder',
    'CreateOrder', 'UpdateOrder', 'DeleteOrder', 'ReadStockLocation', 'ReadSettings', 'ReadTaxCategory',
    'ReadShippingMethod', 'ReadPaymentMethod'];

const CATALOG_PERMISSIONS = ['CreateCatalog', 'ReadCatalog', 'UpdateCatalog', 'DeleteCatalog', 'CreateProduct',
    'ReadProduct', 'UpdateProduct', 'DeleteProduct', 'ReadTaxCategory', 'ReadStockLocation', 'ReadSettings'];

function session(api) {
    let token = null;
    return async (query, variables = {}) => {
        const response = await fetch(`${BASE}/${api}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: JSON.stringify({ query, variables }),
        });
        const t = response.headers.get('vendure-auth-token');
        if (t) token = t;
        const json = await response.json();
        if (json.errors) throw new Error(`${api}: ${JSON.stringify(json.errors)}\n${query}`);
        const first = Object.values(json.data)[0];
        if (first && first.errorCode) throw new Error(`${api}: ${JSON.stringify(first)}\n${query}`);
        return json.data;
    };
}

const PRODUCTS = [
    ['Espresso Beans 1kg', 'Reduced', [['SKU-ESP-1KG', 'Espresso Beans 1kg', 1999, '4006381333931', 40, 10]]],
    ['Milk Frother', 'Standard', [['SKU-FROTH-01', 'Milk Frother', 3490, '4006381333948', 12, 3]]],
    ['Ceramic Cup', 'Standard', [['SKU-CUP-CER', 'Ceramic Cup', 890, '4006381333955', 100, 24]]],
    ['Oat Drink 1l', 'Reduced', [['SKU-OAT-1L', 'Oat Drink 1l', 229, '4006381333986', 200, 48]]],
    ['Barista T-Shirt', 'Standard', [
        ['SKU-TEE-S', 'Barista T-Shirt S', 2500, '4006381333962', 20, 5, 'S'],
        ['SKU-TEE-M', 'Barista T-Shirt M', 2500, '4006381333979', 20, 5, 'M'],
    ]],
];
// Lines the shop does not sell online (an item typed in at the till, a gift card) are booked on these, at the till's
// price, by tax rate; they keep no stock.
const OPEN_ITEMS = [['OMNITILL-OPEN-19', 'Standard', 'Other item, 19 %'], ['OMNITILL-OPEN-7', 'Reduced', 'Other item, 7 %'],
    ['OMNITILL-OPEN-0', 'Zero', 'Other item or voucher, 0 %']];

(async () => {
    const admin = session('admin-api');
    await admin(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) {
        ... on CurrentUser { id } ... on ErrorResult { errorCode message } } }`,
        { u: process.env.VENDURE_ADMIN_USER || 'superadmin', p: process.env.VENDURE_ADMIN_PASSWORD || 'superadmin' });
    await admin(`mutation { updateChannel(input: { id: 1, defaultCurrencyCode: EUR, availableCurrencyCodes: [EUR],
        currencyCode: EUR, pricesIncludeTax: true }) { ... on Channel { id } ... on ErrorResult { errorCode message } } }`);
    const taxCategories = (await admin(`{ taxCategories { items { id name } } }`)).taxCategories.items;
    const tax = name => taxCategories.find(t => t.name.startsWith(name)).id;

    await admin(`mutation { updateStockLocation(input: { id: 1, name: "Central Warehouse" }) { id } }`);
    const locations = {};
    for (const store of STORES) {
        locations[store] = (await admin(`mutation($n: String!) { createStockLocation(input: { name: $n,
            description: "OmniTill store" }) { id } }`, { n: `Store ${store}` })).createStockLocation.id;
    }

    const variants = {};
    const makeProduct = async (name, taxName, rows, trackInventory) => {
        const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
        const product = (await admin(`mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }`,
            { i: { translations: [{ languageCode: 'en', name, slug, description: name }] } })).createProduct;
        const options = {};
        if (rows.some(r => r[6])) {
            const group = (await admin(`mutation($i: CreateProductOptionGroupInput!) {
                createProductOptionGroup(input: $i) { id options { id code } } }`, { i: {
                code: `${slug}-size`, translations: [{ languageCode: 'en', name: 'Size' }],
                options: rows.map(r => ({ code: r[6], translations: [{ languageCode: 'en', name: r[6] }] })) } }))
                .createProductOptionGroup;
            await admin(`mutation($p: ID!, $g: ID!) { addOptionGroupToProduct(productId: $p, optionGroupId: $g) { id } }`,
                { p: product.id, g: group.id });
            for (const o of group.options) options[o.code] = o.id;
        }
        const input = rows.map(([sku, vname, price, barcode, warehouse, store, option]) => ({
            productId: product.id, sku, price, taxCategoryId: tax(taxName), trackInventory,
            translations: [{ languageCode: 'en', name: vname }],
            optionIds: option ? [options[option]] : [],
            stockLevels: trackInventory === 'FALSE' ? [] : [{ stockLocationId: '1', stockOnHand: warehouse },
                ...Object.values(locations).map(id => ({ stockLocationId: id, stockOnHand: store }))],
            customFields: { barcode },
        }));
        const made = (await admin(`mutation($i: [CreateProductVariantInput!]!) { createProductVariants(input: $i) {
            id sku } }`, { i: input })).createProductVariants;
        for (const v of made) variants[v.sku] = v.id;
    };
    for (const [name, taxName, rows] of PRODUCTS) await makeProduct(name, taxName, rows, 'TRUE');
    for (const [sku, taxName, name] of OPEN_ITEMS)
        await makeProduct(name, taxName, [[sku, name, 0, null, 0, 0]], 'FALSE');

    const makeCustomer = async (input, password) => (await admin(`mutation($i: CreateCustomerInput!, $pw: String) {
        createCustomer(input: $i, password: $pw) { ... on Customer { id } ... on ErrorResult { errorCode message } } }`,
        { i: input, pw: password })).createCustomer.id;
    const erika = await makeCustomer({ firstName: 'Erika', lastName: 'Mustermann', emailAddress: 'erika@example.test',
        phoneNumber: '+49 30 1234567', customFields: { loyaltyCardNo: 'LC-0001' } }, 'erika-pw');
    const max = await makeCustomer({ firstName: 'Max', lastName: 'Muster', emailAddress: 'max@example.test',
        phoneNumber: '+49 40 7654321', customFields: { loyaltyCardNo: 'LC-0002' } }, 'max-pw');

    // Orders placed as the web shop and the app place them (Shop API).
    const shopOrder = async (email, password, lines, origin, place) => {
        const shop = session('shop-api');
        await shop(`mutation($e: String!, $p: String!) { login(username: $e, password: $p) {
            ... on CurrentUser { id } ... on ErrorResult { errorCode message } } }`, { e: email, p: password });
        for (const [sku, quantity] of lines) {
            await shop(`mutation($v: ID!, $q: Int!) { addItemToOrder(productVariantId: $v, quantity: $q) {
                ... on Order { id } ... on ErrorResult { errorCode message } } }`, { v: variants[sku], q: quantity });
        }
        const order = (await shop(`mutation($o: String) { setOrderCustomFields(input: { customFields: { origin: $o } }) {
            ... on Order { id code } ... on ErrorResult { errorCode message } } }`, { o: origin })).setOrderCustomFields;
        if (!place) return order.code;
        await shop(`mutation { setOrderShippingAddress(input: { fullName: "Erika Mustermann", streetLine1: "Unter den Linden 1",
            city: "Berlin", postalCode: "10117", countryCode: "DE" }) { ... on Order { id } ... on ErrorResult { errorCode message } } }`);
        const method = (await shop(`{ eligibleShippingMethods { id name } }`)).eligibleShippingMethods
            .find(m => m.name.startsWith('Standard'));
        await shop(`mutation($s: [ID!]!) { setOrderShippingMethod(shippingMethodId: $s) {
            ... on Order { id } ... on ErrorResult { errorCode message } } }`, { s: [method.id] });
        await shop(`mutation { transitionOrderToState(state: "ArrangingPayment") {
            ... on Order { id } ... on OrderStateTransitionError { errorCode message transitionError } } }`);
        return (await shop(`mutation { addPaymentToOrder(input: { method: "online", metadata: {} }) {
            ... on Order { code } ... on ErrorResult { errorCode message } } }`)).addPaymentToOrder.code;
    };
    const orders = {
        erikaWeb: await shopOrder('erika@example.test', 'erika-pw', [['SKU-ESP-1KG', 1], ['SKU-CUP-CER', 2]], 'web', true),
        erikaApp: await shopOrder('erika@example.test', 'erika-pw', [['SKU-FROTH-01', 1]], 'app', true),
        maxWeb: await shopOrder('max@example.test', 'max-pw', [['SKU-TEE-M', 1]], 'web', true),
        erikaCart: await shopOrder('erika@example.test', 'erika-pw', [['SKU-ESP-1KG', 2], ['SKU-CUP-CER', 1]], 'web', false),
    };

    const role = (await admin(`mutation($p: [Permission!]!) { createRole(input: { code: "omnitill-hub",
        description: "OmniTill hub", permissions: $p }) { id } }`, { p: HUB_PERMISSIONS })).createRole;
    const key = (await admin(`mutation($r: ID!) { createApiKey(input: { roleIds: [$r], translations: [{ languageCode: en,
        name: "OmniTill hub" }] }) { apiKey } }`, { r: role.id })).createApiKey;

    // The shop's own tools (and the tests that change the catalog as a shop manager would): a key of a role that
    // keeps the catalog.
    const owner = (await admin(`mutation($p: [Permission!]!) { createRole(input: { code: "catalog-manager",
        description: "Keeps the catalog", permissions: $p }) { id } }`, { p: CATALOG_PERMISSIONS })).createRole;
    const ownerKey = (await admin(`mutation($r: ID!) { createApiKey(input: { roleIds: [$r], translations: [{
        languageCode: en, name: "Catalog manager" }] }) { apiKey } }`, { r: owner.id })).createApiKey;

    console.log(JSON.stringify({ stockLocations: locations, variants, customers: { erika, max }, orders,
        hubRoleId: role.id, hubApiKey: key.apiKey, catalogApiKey: ownerKey.apiKey }, null, 1));
})().catch(error => { console.error(error.message); process.exit(1); });
