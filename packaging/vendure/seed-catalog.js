// SPDX-License-Identifier: GPL-3.0-or-later
// Adds a large catalog to a running, seeded Vendure, for the catalog import's figures: products of 100 variants each
// (two option groups of ten), each variant with an EAN-13 barcode, a price and stock in every location.
// VENDURE_URL=http://127.0.0.1:3000 CATALOG_API_KEY=... node seed-catalog.js 100000 [FROM]   (FROM: variants made
// before by an earlier run, so that its products and SKUs are not made again)
'use strict';
const BASE = process.env.VENDURE_URL || 'http://127.0.0.1:3000';
const KEY = process.env.CATALOG_API_KEY;
const VARIANTS = Number(process.argv[2] || 100000);
const PER_PRODUCT = 100;
const FROM = Number(process.argv[3] || 0);

async function admin(query, variables = {}, attempt = 0) {
    let response;
    try {
        response = await fetch(`${BASE}/admin-api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'vendure-api-key': KEY },
        body: JSON.stringify({ query, variables }),
        });
    } catch (error) { // a busy server closing a connection: once more, after a breath
        if (attempt >= 3) throw error;
        await new Promise(resolve => setTimeout(resolve, 1000));
        return admin(query, variables, attempt + 1);
    }
    const json = await response.json();
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    return json.data;
}

function ean13(n) {
    const body = String(2000000000000 + n * 10).slice(0, 12); // 2xxxxxxxxxxx: in-store numbers, never a real item
    let sum = 0;
    for (let i = 0; i < 12; ++i) sum += Number(body[i]) * (i % 2 ? 3 : 1);
    return body + String((10 - (sum % 10)) % 10);
}

(async () => {
    if (!KEY) throw new Error('CATALOG_API_KEY is the catalog manager key from seed.json');
    const started = Date.now();
    const tax = (await admin('{ taxCategories { items { id name } } }')).taxCategories.items;
    const locations = (await admin('{ stockLocations { items { id } } }')).stockLocations.items.map(l => l.id);
    let made = FROM;
    for (let p = Math.ceil(FROM / PER_PRODUCT); made < FROM + VARIANTS; ++p) {
        const name = `Bulk Product ${p}`;
        const product = (await admin(`mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }`, { i: {
            translations: [{ languageCode: 'en', name, slug: `bulk-product-${p}`, description: name }] } })).createProduct;
        const groups = [];
        for (const g of ['colour', 'size']) {
            const group = (await admin(`mutation($i: CreateProductOptionGroupInput!) { createProductOptionGroup(input: $i) {
                id options { id } } }`, { i: { code: `bulk-${p}-${g}`, translations: [{ languageCode: 'en', name: g }],
                options: [...Array(10).keys()].map(k => ({ code: `${g}-${k}`,
                    translations: [{ languageCode: 'en', name: `${g} ${k}` }] })) } })).createProductOptionGroup;
            await admin(`mutation($p: ID!, $g: ID!) { addOptionGroupToProduct(productId: $p, optionGroupId: $g) { id } }`,
                { p: product.id, g: group.id });
            groups.push(group.options.map(o => o.id));
        }
        const input = [];
        for (let k = 0; k < PER_PRODUCT && made + input.length < FROM + VARIANTS; ++k) {
            const n = made + input.length;
            input.push({
                productId: product.id, sku: `BULK-${String(n).padStart(7, '0')}`, price: 99 + (n * 37) % 9900,
                taxCategoryId: tax[n % tax.length].id, optionIds: [groups[0][Math.floor(k / 10)], groups[1][k % 10]],
                translations: [{ languageCode: 'en', name: `${name} ${Math.floor(k / 10)}/${k % 10}` }],
                stockLevels: locations.map(id => ({ stockLocationId: id, stockOnHand: 10 })),
                customFields: { barcode: ean13(n) },
            });
        }
        await admin(`mutation($i: [CreateProductVariantInput!]!) { createProductVariants(input: $i) { id } }`, { i: input });
        made += input.length;
        if (p % 50 === 0) console.error(`${made} variants, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    console.log(JSON.stringify({ variants: made - FROM, seconds: (Date.now() - started) / 1000 }));
})().catch(error => { console.error(error.message); process.exit(1); });
