<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CustomersPage</name>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ParkedSalesDialog</name>
    <message numerus="yes">
        <source>%n line(s) · %1</source>
        <translation>
            <numerusform>%n line · %1</numerusform>
            <numerusform>%n lines · %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stock</name>
    <message numerus="yes">
        <source>%n in stock</source>
        <translation>
            <numerusform>%n in stock</numerusform>
            <numerusform>%n in stock</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>omnitill::CustomerController</name>
    <message numerus="yes">
        <source>Open online cart: %n item(s), %1, changed %2</source>
        <translation>
            <numerusform>Open online cart: %n item, %1, changed %2</numerusform>
            <numerusform>Open online cart: %n items, %1, changed %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>omnitill::HandoffController</name>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>omnitill::StaffSession</name>
    <message numerus="yes">
        <source>Locked after %n minute(s) without activity.</source>
        <translation>
            <numerusform>Locked after %n minute without activity.</numerusform>
            <numerusform>Locked after %n minutes without activity.</numerusform>
        </translation>
    </message>
</context>
</TS>
