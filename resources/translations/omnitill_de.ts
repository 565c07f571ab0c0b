<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AmountDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>A manager&apos;s approval is needed</source>
        <translation>Freigabe durch eine Filialleitung nötig</translation>
    </message>
    <message>
        <source>To %1, a manager signs in here with PIN or badge.</source>
        <translation>Um %1, meldet sich hier eine Filialleitung mit PIN oder Ausweis an.</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>CameraScanPanel</name>
    <message>
        <source>No camera found. Hand-held scanners still work.</source>
        <translation>Keine Kamera gefunden. Handscanner funktionieren weiterhin.</translation>
    </message>
    <message>
        <source>Starting the camera decoder…</source>
        <translation>Kamera-Decoder wird gestartet …</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>CartLineDelegate</name>
    <message>
        <source>%1 · %2 per %3</source>
        <translation>%1 · %2 pro %3</translation>
    </message>
    <message>
        <source>Discount %1</source>
        <translation>Rabatt %1</translation>
    </message>
    <message>
        <source>One less</source>
        <translation>Eins weniger</translation>
    </message>
    <message>
        <source>One more</source>
        <translation>Eins mehr</translation>
    </message>
</context>
<context>
    <name>CounterReasons</name>
    <message>
        <source>Customer changed their mind</source>
        <translation>Kunde hat es sich anders überlegt</translation>
    </message>
    <message>
        <source>Scanned by mistake</source>
        <translation>Versehentlich gescannt</translation>
    </message>
    <message>
        <source>Damaged item</source>
        <translation>Beschädigter Artikel</translation>
    </message>
    <message>
        <source>Price match</source>
        <translation>Preisangleichung</translation>
    </message>
    <message>
        <source>Shelf price differs</source>
        <translation>Regalpreis weicht ab</translation>
    </message>
    <message>
        <source>Staff discount</source>
        <translation>Personalrabatt</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Change customer</source>
        <translation>Kunde ändern</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone, e.g. +49 171 2345678</source>
        <translation>Telefon, z. B. +49 171 2345678</translation>
    </message>
    <message>
        <source>Loyalty cards, commas between</source>
        <translation>Kundenkarten, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Agrees to offers by email</source>
        <translation>Einverstanden mit Angeboten per E-Mail</translation>
    </message>
    <message>
        <source>Agrees to offers by text message</source>
        <translation>Einverstanden mit Angeboten per SMS</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Name, email, phone or card number</source>
        <translation>Name, E-Mail, Telefon oder Kartennummer</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <source>%1 · %2 points</source>
        <translation>%1 · %2 Punkte</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 Punkte</translation>
    </message>
    <message>
        <source>not yet at the hub</source>
        <translation>noch nicht beim Hub</translation>
    </message>
    <message>
        <source>Type part of a name, an email address, a phone number or a card number, or scan the customer&apos;s card.</source>
        <translation>Tippen Sie einen Teil des Namens, eine E-Mail-Adresse, eine Telefon- oder Kartennummer ein, oder scannen Sie die Kundenkarte.</translation>
    </message>
    <message>
        <source>A customer&apos;s points, consent and purchases on every channel show here.</source>
        <translation>Hier erscheinen Punkte, Einwilligungen und Einkäufe des Kunden auf allen Kanälen.</translation>
    </message>
    <message>
        <source>Purchases on every channel</source>
        <translation>Einkäufe auf allen Kanälen</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n Artikel</numerusform>
            <numerusform>%n Artikel</numerusform>
        </translation>
    </message>
    <message>
        <source>No purchases yet</source>
        <translation>Noch keine Einkäufe</translation>
    </message>
    <message>
        <source>On this sale</source>
        <translation>In diesem Verkauf</translation>
    </message>
    <message>
        <source>Add to sale</source>
        <translation>Zum Verkauf</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>DayFigures</name>
    <message>
        <source>Sales</source>
        <translation>Verkäufe</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>Rabatte</translation>
    </message>
    <message>
        <source>Manual discounts</source>
        <translation>Manuelle Rabatte</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Retouren</translation>
    </message>
    <message>
        <source>Sales voided</source>
        <translation>Stornierte Verkäufe</translation>
    </message>
    <message>
        <source>Lines voided</source>
        <translation>Stornierte Positionen</translation>
    </message>
    <message>
        <source>Price overrides</source>
        <translation>Preisänderungen</translation>
    </message>
    <message>
        <source>Manager approvals</source>
        <translation>Freigaben</translation>
    </message>
    <message>
        <source>Cash paid in</source>
        <translation>Bareinlagen</translation>
    </message>
    <message>
        <source>Cash paid out</source>
        <translation>Barentnahmen</translation>
    </message>
    <message>
        <source>Drawer opened without a sale</source>
        <translation>Schublade ohne Verkauf geöffnet</translation>
    </message>
    <message>
        <source>Z reports</source>
        <translation>Z-Berichte</translation>
    </message>
    <message>
        <source>Cash over</source>
        <translation>Kassenüberschuss</translation>
    </message>
    <message>
        <source>Cash short</source>
        <translation>Kassenfehlbetrag</translation>
    </message>
    <message>
        <source>Payments declined</source>
        <translation>Abgelehnte Zahlungen</translation>
    </message>
    <message>
        <source>sale voided</source>
        <translation>Verkauf storniert</translation>
    </message>
    <message>
        <source>line voided: %1</source>
        <translation>Position storniert: %1</translation>
    </message>
    <message>
        <source>price of %1 changed from %2</source>
        <translation>Preis von %1 geändert, vorher %2</translation>
    </message>
    <message>
        <source>discount on %1</source>
        <translation>Rabatt auf %1</translation>
    </message>
    <message>
        <source>discount on the sale</source>
        <translation>Rabatt auf den Verkauf</translation>
    </message>
    <message>
        <source>approved: %1</source>
        <translation>freigegeben: %1</translation>
    </message>
    <message>
        <source>drawer opened without a sale</source>
        <translation>Schublade ohne Verkauf geöffnet</translation>
    </message>
    <message>
        <source>cash in</source>
        <translation>Bareinlage</translation>
    </message>
    <message>
        <source>cash out</source>
        <translation>Barentnahme</translation>
    </message>
    <message>
        <source>Z report %1: expected %2, counted %3</source>
        <translation>Z-Bericht %1: erwartet %2, gezählt %3</translation>
    </message>
    <message>
        <source>return %1 without a receipt</source>
        <translation>Retoure %1 ohne Beleg</translation>
    </message>
    <message>
        <source>return %1 of %2</source>
        <translation>Retoure %1 zu %2</translation>
    </message>
    <message>
        <source>Paid by %1</source>
        <translation>Bezahlt: %1</translation>
    </message>
    <message>
        <source>Refunded to %1</source>
        <translation>Erstattet: %1</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>Bargeld</translation>
    </message>
    <message>
        <source>card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>gift card</source>
        <translation>Geschenkkarte</translation>
    </message>
    <message>
        <source>store credit</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <source>voucher</source>
        <translation>Gutschein</translation>
    </message>
    <message>
        <source>points</source>
        <translation>Punkte</translation>
    </message>
</context>
<context>
    <name>FirstRunSetup</name>
    <message>
        <source>Welcome to OmniTill</source>
        <translation>Willkommen bei OmniTill</translation>
    </message>
    <message>
        <source>This till has no staff yet. Create the store&apos;s first manager, who can then add everyone else.</source>
        <translation>Diese Kasse hat noch kein Personal. Legen Sie die erste Filialleitung an; sie kann dann alle anderen hinzufügen.</translation>
    </message>
    <message>
        <source>Manager&apos;s name</source>
        <translation>Name der Filialleitung</translation>
    </message>
    <message>
        <source>PIN (4 to 8 digits)</source>
        <translation>PIN (4 bis 8 Ziffern)</translation>
    </message>
    <message>
        <source>The same PIN again</source>
        <translation>Dieselbe PIN noch einmal</translation>
    </message>
    <message>
        <source>Create manager and sign in</source>
        <translation>Filialleitung anlegen und anmelden</translation>
    </message>
</context>
<context>
    <name>GiftCardDialog</name>
    <message>
        <source>Sell a gift card</source>
        <translation>Gutschein verkaufen</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Card number (empty = a new card)</source>
        <translation>Kartennummer (leer = neue Karte)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Add to sale</source>
        <translation>Zum Verkauf hinzufügen</translation>
    </message>
</context>
<context>
    <name>KioskAttract</name>
    <message>
        <source>See the price, the stock here and in the stores nearby, and your points.</source>
        <translation>Preis, Bestand hier und in den Filialen in der Nähe und Ihre Punkte auf einen Blick.</translation>
    </message>
    <message>
        <source>On offer now</source>
        <translation>Jetzt im Angebot</translation>
    </message>
    <message>
        <source>Until %1</source>
        <translation>Bis %1</translation>
    </message>
</context>
<context>
    <name>KioskBasket</name>
    <message>
        <source>Your basket</source>
        <translation>Ihr Warenkorb</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Empty: scan a product and add it.</source>
        <translation>Leer: Scannen Sie ein Produkt und legen Sie es hinein.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Pay at any till: the cashier scans your basket&apos;s code. Or take it with you on your phone.</source>
        <translation>Bezahlen Sie an jeder Kasse: Dort wird der Code Ihres Warenkorbs gescannt. Oder nehmen Sie ihn auf Ihrem Handy mit.</translation>
    </message>
    <message>
        <source>Pay at the till or on my phone</source>
        <translation>An der Kasse oder am Handy bezahlen</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Neu beginnen</translation>
    </message>
</context>
<context>
    <name>KioskCamera</name>
    <message>
        <source>Hold the barcode or your card under the scanner.</source>
        <translation>Halten Sie den Barcode oder Ihre Karte unter den Scanner.</translation>
    </message>
    <message>
        <source>The camera is starting again…</source>
        <translation>Die Kamera startet neu …</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>Die Kamera startet …</translation>
    </message>
</context>
<context>
    <name>KioskHandoff</name>
    <message>
        <source>Your basket is ready</source>
        <translation>Ihr Warenkorb ist bereit</translation>
    </message>
    <message>
        <source>At the till: show this to the cashier</source>
        <translation>An der Kasse: Zeigen Sie diesen Code vor</translation>
    </message>
    <message>
        <source>On your phone: scan this with its camera</source>
        <translation>Auf dem Handy: Scannen Sie diesen Code mit der Kamera</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>It works once, at a till of this store, for the next 15 minutes. The phone&apos;s page makes a new one.</source>
        <translation>Er gilt einmal, an einer Kasse dieser Filiale, für die nächsten 15 Minuten. Die Seite auf dem Handy erzeugt einen neuen.</translation>
    </message>
</context>
<context>
    <name>KioskMain</name>
    <message>
        <source>OmniTill kiosk</source>
        <translation>OmniTill-Kiosk</translation>
    </message>
    <message>
        <source>Scan a product or your loyalty card</source>
        <translation>Scannen Sie ein Produkt oder Ihre Kundenkarte</translation>
    </message>
    <message>
        <source>Price check</source>
        <translation>Preisauskunft</translation>
    </message>
    <message>
        <source>Offline: prices and stock as of %1</source>
        <translation>Offline: Preise und Bestand vom %1</translation>
    </message>
    <message>
        <source>Offline: prices and stock as this kiosk last had them</source>
        <translation>Offline: Preise und Bestand so, wie dieser Kiosk sie zuletzt erhalten hat</translation>
    </message>
</context>
<context>
    <name>KioskMember</name>
    <message>
        <source>Hello, %1</source>
        <translation>Hallo, %1</translation>
    </message>
    <message>
        <source>Card %1 · %2</source>
        <translation>Karte %1 · %2</translation>
    </message>
    <message>
        <source>Card %1</source>
        <translation>Karte %1</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 Punkte</translation>
    </message>
    <message>
        <source>Your points are enough for</source>
        <translation>Ihre Punkte reichen für</translation>
    </message>
    <message>
        <source>Collect points with every purchase, in the store and online.</source>
        <translation>Sammeln Sie Punkte bei jedem Einkauf, im Geschäft und online.</translation>
    </message>
    <message>
        <source>%1: %2 for %3 points</source>
        <translation>%1: %2 für %3 Punkte</translation>
    </message>
    <message>
        <source>Redeem them at the till.</source>
        <translation>Einlösen können Sie sie an der Kasse.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>KioskProduct</name>
    <message>
        <source>Offer until %1, then %2</source>
        <translation>Angebot bis %1, danach %2</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 zu %2</translation>
    </message>
    <message>
        <source>In this store</source>
        <translation>In dieser Filiale</translation>
    </message>
    <message>
        <source>Ask a member of staff</source>
        <translation>Fragen Sie unsere Mitarbeiter</translation>
    </message>
    <message>
        <source>Nearby</source>
        <translation>In der Nähe</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Continue on your phone: scan this with its camera.</source>
        <translation>Weiter auf dem Handy: Scannen Sie diesen Code mit der Kamera.</translation>
    </message>
    <message>
        <source>Add to basket</source>
        <translation>In den Warenkorb</translation>
    </message>
    <message>
        <source>Basket (%1)</source>
        <translation>Warenkorb (%1)</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>KioskStaffPanel</name>
    <message>
        <source>Staff: leave the kiosk</source>
        <translation>Personal: Kiosk beenden</translation>
    </message>
    <message>
        <source>A manager&apos;s PIN, or their badge on the scanner.</source>
        <translation>Die PIN einer Marktleitung oder deren Ausweis am Scanner.</translation>
    </message>
    <message>
        <source>Leave the kiosk</source>
        <translation>Kiosk beenden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>LineActionsDialog</name>
    <message>
        <source>Override the price</source>
        <translation>Preis ändern</translation>
    </message>
    <message>
        <source>Discount the line</source>
        <translation>Position rabattieren</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Discount %</source>
        <translation>Rabatt %</translation>
    </message>
    <message>
        <source>New quantity</source>
        <translation>Neue Menge</translation>
    </message>
    <message>
        <source>New unit price %1</source>
        <translation>Neuer Stückpreis %1</translation>
    </message>
    <message>
        <source>Discount in percent</source>
        <translation>Rabatt in Prozent</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Void this line</source>
        <translation>Diese Position stornieren</translation>
    </message>
    <message>
        <source>Void the line</source>
        <translation>Position stornieren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>OmniTill is locked</source>
        <translation>OmniTill ist gesperrt</translation>
    </message>
    <message>
        <source>Choose your name and type your PIN, or scan your staff badge.</source>
        <translation>Wählen Sie Ihren Namen und geben Sie Ihre PIN ein, oder scannen Sie Ihren Mitarbeiterausweis.</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>OmniTill</source>
        <translation>OmniTill</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Verkauf</translation>
    </message>
    <message>
        <source>Last receipt %1</source>
        <translation>Letzter Beleg %1</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>Lock the till so the next cashier can sign in</source>
        <translation>Kasse sperren, damit sich die nächste Kassenkraft anmelden kann</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Retouren</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Berichte</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>Clear</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Zeichen löschen</translation>
    </message>
</context>
<context>
    <name>ParkedSalesDialog</name>
    <message>
        <source>Parked sales</source>
        <translation>Geparkte Verkäufe</translation>
    </message>
    <message>
        <source>Parked %1 by %2</source>
        <translation>Geparkt %1 von %2</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>niemandem</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) · %1</source>
        <translation>
            <numerusform>%n Position · %1</numerusform>
            <numerusform>%n Positionen · %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n Position</numerusform>
            <numerusform>%n Positionen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>No sales are parked on this till.</source>
        <translation>An dieser Kasse sind keine Verkäufe geparkt.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <source>To pay: %1 %2</source>
        <translation>Zu zahlen: %1 %2</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Bar</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>Card payment</source>
        <translation>Kartenzahlung</translation>
    </message>
    <message>
        <source>Left to pay: %1 %2</source>
        <translation>Noch zu zahlen: %1 %2</translation>
    </message>
    <message>
        <source>%1 %2 (approval %3)</source>
        <translation>%1 %2 (Genehmigung %3)</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Take back</source>
        <translation>Zurücknehmen</translation>
    </message>
    <message>
        <source>Amount (empty = all that is left)</source>
        <translation>Betrag (leer = alles, was offen ist)</translation>
    </message>
    <message>
        <source>Charge %1 %2 on the card terminal, then enter the approval code from its slip.</source>
        <translation>%1 %2 am Kartenterminal belasten, dann den Genehmigungscode vom Beleg eingeben.</translation>
    </message>
    <message>
        <source>Approval code</source>
        <translation>Genehmigungscode</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Genehmigt</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Declined: nothing was charged and the sale is still open.</source>
        <translation>Abgelehnt: Nichts wurde belastet, der Verkauf ist noch offen.</translation>
    </message>
    <message>
        <source>Cancelled on the terminal</source>
        <translation>Am Terminal abgebrochen</translation>
    </message>
    <message>
        <source>Cancelled: nothing was charged and the sale is still open.</source>
        <translation>Abgebrochen: Nichts wurde belastet, der Verkauf ist noch offen.</translation>
    </message>
    <message>
        <source>Not charged</source>
        <translation>Nicht belastet</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Gift card or credit number</source>
        <translation>Gutschein- oder Guthabennummer</translation>
    </message>
    <message>
        <source>Gift card</source>
        <translation>Gutschein</translation>
    </message>
    <message>
        <source>Points (%1)</source>
        <translation>Punkte (%1)</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>%1: %2 points, %3</source>
        <translation>%1: %2 Punkte, %3</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <source>override a price</source>
        <translation>einen Preis zu ändern</translation>
    </message>
    <message>
        <source>discount a line above the limit</source>
        <translation>eine Position über die Grenze hinaus zu rabattieren</translation>
    </message>
    <message>
        <source>discount the whole sale</source>
        <translation>den ganzen Verkauf zu rabattieren</translation>
    </message>
    <message>
        <source>void a line</source>
        <translation>eine Position zu stornieren</translation>
    </message>
    <message>
        <source>void a sale</source>
        <translation>einen Verkauf zu stornieren</translation>
    </message>
    <message>
        <source>take a return without a receipt</source>
        <translation>eine Rückgabe ohne Beleg anzunehmen</translation>
    </message>
    <message>
        <source>open the drawer without a sale</source>
        <translation>die Schublade ohne Verkauf zu öffnen</translation>
    </message>
    <message>
        <source>take cash out of the drawer</source>
        <translation>Bargeld aus der Schublade zu entnehmen</translation>
    </message>
    <message>
        <source>close a shift</source>
        <translation>eine Schicht abzuschließen</translation>
    </message>
    <message>
        <source>see reports</source>
        <translation>Berichte einzusehen</translation>
    </message>
    <message>
        <source>change settings</source>
        <translation>Einstellungen zu ändern</translation>
    </message>
    <message>
        <source>manage staff</source>
        <translation>Personal zu verwalten</translation>
    </message>
    <message>
        <source>refund to another tender than the one that paid</source>
        <translation>auf ein anderes Zahlungsmittel erstatten als das, mit dem bezahlt wurde</translation>
    </message>
    <message>
        <source>take a return the hub cannot confirm</source>
        <translation>eine Retoure annehmen, die der Hub nicht bestätigen kann</translation>
    </message>
</context>
<context>
    <name>PhoneHandoffDialog</name>
    <message>
        <source>Continue on the phone</source>
        <translation>Auf dem Handy weiter</translation>
    </message>
    <message>
        <source>The customer scans this with the phone&apos;s camera: the basket opens there, with prices and stock.</source>
        <translation>Der Kunde scannt dies mit der Handykamera: Dort öffnet sich der Warenkorb, mit Preisen und Bestand.</translation>
    </message>
    <message>
        <source>The sale stays on the till: take payment, or void it if the customer pays online.</source>
        <translation>Der Verkauf bleibt an der Kasse: kassieren oder stornieren, wenn der Kunde online bezahlt.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>PinEntry</name>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Choose your name first</source>
        <translation>Zuerst Ihren Namen wählen</translation>
    </message>
</context>
<context>
    <name>Printer</name>
    <message>
        <source>The printer answers, but not as a receipt printer: check its address</source>
        <translation>Der Drucker antwortet, aber nicht wie ein Bondrucker: prüfen Sie seine Adresse</translation>
    </message>
    <message>
        <source>The printer&apos;s cover is open: close it</source>
        <translation>Die Abdeckung des Druckers ist offen: schließen Sie sie</translation>
    </message>
    <message>
        <source>The printer is out of paper: put in a new roll</source>
        <translation>Der Drucker hat kein Papier mehr: legen Sie eine neue Rolle ein</translation>
    </message>
    <message>
        <source>The printer reports an error: switch it off and on again</source>
        <translation>Der Drucker meldet einen Fehler: schalten Sie ihn aus und wieder ein</translation>
    </message>
    <message>
        <source>The printer is offline: check that it is switched on</source>
        <translation>Der Drucker ist offline: prüfen Sie, ob er eingeschaltet ist</translation>
    </message>
    <message>
        <source>The printer at %1 cannot be reached (%2): check that it is on and connected</source>
        <translation>Der Drucker unter %1 ist nicht erreichbar (%2): prüfen Sie, ob er eingeschaltet und verbunden ist</translation>
    </message>
    <message>
        <source>The printer %1 cannot be opened (%2)</source>
        <translation>Der Drucker %1 lässt sich nicht öffnen (%2)</translation>
    </message>
    <message>
        <source>The printer stopped answering: check that it is on and connected</source>
        <translation>Der Drucker antwortet nicht mehr: prüfen Sie, ob er eingeschaltet und verbunden ist</translation>
    </message>
    <message>
        <source>The printer stopped taking the receipt (%1)</source>
        <translation>Der Drucker hat den Bon nicht mehr angenommen (%1)</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>under a minute</source>
        <translation>unter einer Minute</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <source>Sync blocked, tell a manager: %1</source>
        <translation>Synchronisierung blockiert, bitte Filialleitung informieren: %1</translation>
    </message>
    <message>
        <source>All records synced</source>
        <translation>Alles synchronisiert</translation>
    </message>
    <message>
        <source>1 record waiting to sync</source>
        <translation>1 Datensatz wartet auf Synchronisierung</translation>
    </message>
    <message>
        <source>%1 records waiting to sync</source>
        <translation>%1 Datensätze warten auf Synchronisierung</translation>
    </message>
    <message>
        <source> (oldest %1)</source>
        <translation> (ältester %1)</translation>
    </message>
    <message>
        <source>, sync stalled</source>
        <translation>, Synchronisierung hängt</translation>
    </message>
    <message>
        <source>, hub unreachable</source>
        <translation>, Zentrale nicht erreichbar</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Choose a reason</source>
        <translation>Grund wählen</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>Anderer Grund</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Verwenden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <source>Cash</source>
        <translation>Bar</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>Tax number %1</source>
        <translation>USt-IdNr. %1</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Bon</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Zwischensumme</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>Rabatte</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>Summe %1</translation>
    </message>
    <message>
        <source>Cash rounding</source>
        <translation>Rundung</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>Zu zahlen</translation>
    </message>
    <message>
        <source>Approval %1</source>
        <translation>Genehmigung %1</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Rückgeld</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>MwSt</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
    <message>
        <source>Gross</source>
        <translation>Brutto</translation>
    </message>
    <message>
        <source>*** COPY ***</source>
        <translation>*** KOPIE ***</translation>
    </message>
    <message>
        <source>Gift card</source>
        <translation>Geschenkkarte</translation>
    </message>
    <message>
        <source>Store credit</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <source>No. ...%1</source>
        <translation>Nr. ...%1</translation>
    </message>
    <message>
        <source>Receipt %1</source>
        <translation>Bon %1</translation>
    </message>
    <message>
        <source>Signature pending: the signing device was not available</source>
        <translation>Signatur ausstehend: das Signiergerät war nicht erreichbar</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>Gesammelte Punkte</translation>
    </message>
    <message>
        <source>Points balance</source>
        <translation>Punktestand</translation>
    </message>
    <message>
        <source>Customer: %1</source>
        <translation>Kunde: %1</translation>
    </message>
    <message>
        <source>*** REFUND ***</source>
        <translation>*** ERSTATTUNG ***</translation>
    </message>
    <message>
        <source>Refund of</source>
        <translation>Erstattung zu</translation>
    </message>
    <message>
        <source>no receipt</source>
        <translation>ohne Bon</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>The hub cannot be reached.</source>
        <translation>Der Hub ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>The hub is too old to give reports.</source>
        <translation>Der Hub ist zu alt für Berichte.</translation>
    </message>
    <message>
        <source>The hub could not make the report.</source>
        <translation>Der Hub konnte den Bericht nicht erstellen.</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>red</source>
        <translation>rot</translation>
    </message>
    <message>
        <source>amber</source>
        <translation>gelb</translation>
    </message>
    <message>
        <source>green</source>
        <translation>grün</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Berichte</translation>
    </message>
    <message>
        <source>Day before</source>
        <translation>Tag davor</translation>
    </message>
    <message>
        <source>Day after</source>
        <translation>Tag danach</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Reports are for managers: a person whose role may see reports signs in to read them.</source>
        <translation>Berichte sind für Filialleitungen: Eine Person, deren Rolle Berichte sehen darf, meldet sich an, um sie zu lesen.</translation>
    </message>
    <message>
        <source>This till</source>
        <translation>Diese Kasse</translation>
    </message>
    <message>
        <source>sales recorded</source>
        <translation>Verkäufe erfasst</translation>
    </message>
    <message>
        <source>not yet at the hub</source>
        <translation>noch nicht beim Hub</translation>
    </message>
    <message>
        <source>waiting since %1</source>
        <translation>wartend seit %1</translation>
    </message>
    <message>
        <source>waiting to sync</source>
        <translation>warten auf Sync</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>Umsatz</translation>
    </message>
    <message>
        <source>Nothing sold this day.</source>
        <translation>An diesem Tag nichts verkauft.</translation>
    </message>
    <message>
        <source>To read</source>
        <translation>Zum Lesen</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <source>approved by %1</source>
        <translation>freigegeben von %1</translation>
    </message>
    <message>
        <source>Store %1, from the hub</source>
        <translation>Filiale %1, laut Hub</translation>
    </message>
    <message>
        <source>The store, from the hub</source>
        <translation>Die Filiale, laut Hub</translation>
    </message>
    <message>
        <source>%1 (this till)</source>
        <translation>%1 (diese Kasse)</translation>
    </message>
    <message>
        <source>%1 recorded, %2 at the hub, %3 pending</source>
        <translation>%1 erfasst, %2 beim Hub, %3 ausstehend</translation>
    </message>
    <message>
        <source>%1 quarantined</source>
        <translation>%1 in Quarantäne</translation>
    </message>
    <message>
        <source>The store&apos;s business</source>
        <translation>Umsatz der Filiale</translation>
    </message>
</context>
<context>
    <name>ReturnsPage</name>
    <message>
        <source>Scan the receipt&apos;s QR code, or type its number</source>
        <translation>QR-Code des Bons scannen oder Bonnummer eingeben</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>No receipt</source>
        <translation>Ohne Bon</translation>
    </message>
    <message>
        <source>Return without a receipt</source>
        <translation>Retoure ohne Bon</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 · paid %2 · %3 can still come back</source>
        <translation>%1 · bezahlt %2 · noch %3 rückgabefähig</translation>
    </message>
    <message>
        <source>Scan each item. The refund is store credit unless a manager allows otherwise.</source>
        <translation>Jeden Artikel scannen. Erstattet wird als Guthaben, außer eine Filialleitung erlaubt anderes.</translation>
    </message>
    <message>
        <source>bought %1, all returned</source>
        <translation>gekauft %1, alles zurückgegeben</translation>
    </message>
    <message>
        <source>bought %1 · returned %2 · up to %3 can come back</source>
        <translation>gekauft %1 · zurück %2 · bis zu %3 kann zurück</translation>
    </message>
    <message>
        <source>Restock</source>
        <translation>Zurück ins Regal</translation>
    </message>
    <message>
        <source>Scan the QR code on the receipt, or type the receipt or online order number. Any store&apos;s receipt, and online orders, can come back here.</source>
        <translation>QR-Code auf dem Bon scannen oder Bon- bzw. Online-Bestellnummer eingeben. Bons jeder Filiale und Online-Bestellungen können hier zurückgegeben werden.</translation>
    </message>
    <message>
        <source>Scan the items that come back.</source>
        <translation>Die zurückgegebenen Artikel scannen.</translation>
    </message>
    <message>
        <source>Refund %1</source>
        <translation>Erstattung %1</translation>
    </message>
    <message>
        <source>Refund to</source>
        <translation>Erstatten auf</translation>
    </message>
    <message>
        <source>Store credit</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <source>How it was paid</source>
        <translation>Wie bezahlt wurde</translation>
    </message>
    <message>
        <source>Cash (manager)</source>
        <translation>Bar (Filialleitung)</translation>
    </message>
    <message>
        <source>Card (manager)</source>
        <translation>Karte (Filialleitung)</translation>
    </message>
    <message>
        <source>Card terminal&apos;s approval code for the refund</source>
        <translation>Genehmigungscode des Kartenterminals für die Erstattung</translation>
    </message>
    <message>
        <source>Scan or type the gift card that paid</source>
        <translation>Gutschein scannen oder eingeben, mit dem bezahlt wurde</translation>
    </message>
    <message>
        <source>Why does it come back? (wrong size, faulty, …)</source>
        <translation>Warum kommt es zurück? (falsche Größe, defekt, …)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Take back and refund</source>
        <translation>Zurücknehmen und erstatten</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Umtausch</translation>
    </message>
    <message>
        <source>What comes back pays toward other goods, in one sale</source>
        <translation>Was zurückkommt, wird in einem Verkauf auf andere Ware angerechnet</translation>
    </message>
</context>
<context>
    <name>SaleCompleteOverlay</name>
    <message>
        <source>Change due</source>
        <translation>Rückgeld</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Sale %1 complete</source>
        <translation>Verkauf %1 abgeschlossen</translation>
    </message>
    <message>
        <source>New sale</source>
        <translation>Neuer Verkauf</translation>
    </message>
    <message>
        <source>Hide receipt</source>
        <translation>Bon ausblenden</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Bon</translation>
    </message>
    <message>
        <source>Print a copy</source>
        <translation>Kopie drucken</translation>
    </message>
</context>
<context>
    <name>SalePage</name>
    <message>
        <source>Scan or type a barcode or SKU, then Enter</source>
        <translation>Barcode oder Artikelnummer scannen oder eingeben, dann Enter</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <source>Void the line</source>
        <translation>Position stornieren</translation>
    </message>
    <message>
        <source>Scan an item or search for it to start a sale</source>
        <translation>Artikel scannen oder suchen, um einen Verkauf zu beginnen</translation>
    </message>
    <message>
        <source>Search by name</source>
        <translation>Nach Namen suchen</translation>
    </message>
    <message>
        <source>Void sale</source>
        <translation>Verkauf stornieren</translation>
    </message>
    <message>
        <source>Void the whole sale</source>
        <translation>Den ganzen Verkauf stornieren</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>Parken</translation>
    </message>
    <message>
        <source>Parked (%1)</source>
        <translation>Geparkt (%1)</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <source>Discount the whole sale</source>
        <translation>Den ganzen Verkauf rabattieren</translation>
    </message>
    <message>
        <source>Discount in percent</source>
        <translation>Rabatt in Prozent</translation>
    </message>
    <message>
        <source>Pay %1 %2</source>
        <translation>Zahlen %1 %2</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Receipt %1 was being printed when the till stopped: did it come out?</source>
        <translation>Bon %1 wurde gerade gedruckt, als die Kasse anhielt: ist er herausgekommen?</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>Erneut drucken</translation>
    </message>
    <message>
        <source>It printed</source>
        <translation>Wurde gedruckt</translation>
    </message>
    <message>
        <source>No shift is open: open one on the Shift page, with the cash counted into the drawer, before taking payments.</source>
        <translation>Keine Schicht offen: Vor dem Kassieren auf der Seite Schicht eine öffnen, mit dem gezählten Bargeld in der Schublade.</translation>
    </message>
    <message>
        <source>Gift card</source>
        <translation>Gutschein</translation>
    </message>
    <message>
        <source>Customer: %1</source>
        <translation>Kunde: %1</translation>
    </message>
    <message>
        <source>No customer: scan their card, or find them</source>
        <translation>Kein Kunde: Karte scannen oder Kunden suchen</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Ändern</translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation>Kunde suchen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Aushändigen</translation>
    </message>
    <message>
        <source>Load the changes</source>
        <translation>Änderungen laden</translation>
    </message>
    <message>
        <source>To phone</source>
        <translation>Aufs Handy</translation>
    </message>
</context>
<context>
    <name>SearchResultDelegate</name>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>%1 can look at these settings; a manager can change them.</source>
        <translation>%1 kann diese Einstellungen ansehen; ändern kann sie eine Filialleitung.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The till speaks the language chosen from its next start.</source>
        <translation>Die Kasse spricht die gewählte Sprache ab ihrem nächsten Start.</translation>
    </message>
    <message>
        <source>Sounds</source>
        <translation>Töne</translation>
    </message>
    <message>
        <source>A beep for each scan, a low tone when a scan is refused</source>
        <translation>Ein Piepton bei jedem Scan, ein tiefer Ton, wenn ein Scan abgelehnt wird</translation>
    </message>
    <message>
        <source>This terminal</source>
        <translation>Diese Kasse</translation>
    </message>
    <message>
        <source>No speaker found: the scan sounds cannot be heard on this till.</source>
        <translation>Kein Lautsprecher gefunden: die Scan-Töne sind an dieser Kasse nicht zu hören.</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>Bondrucker</translation>
    </message>
    <message>
        <source>tcp://192.168.1.50 or /dev/usb/lp0; empty: no printer</source>
        <translation>tcp://192.168.1.50 oder /dev/usb/lp0; leer: kein Drucker</translation>
    </message>
    <message>
        <source>58 mm</source>
        <translation>58 mm</translation>
    </message>
    <message>
        <source>80 mm</source>
        <translation>80 mm</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>The printer is ready.</source>
        <translation>Der Drucker ist bereit.</translation>
    </message>
</context>
<context>
    <name>ShiftPage</name>
    <message>
        <source>Shift</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Float in the drawer, %1</source>
        <translation>Wechselgeld in der Schublade, %1</translation>
    </message>
    <message>
        <source>Open shift</source>
        <translation>Schicht öffnen</translation>
    </message>
    <message>
        <source>Amount, %1</source>
        <translation>Betrag, %1</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>Einlage</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>Entnahme</translation>
    </message>
    <message>
        <source>No sale</source>
        <translation>Schublade öffnen</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X-Bericht</translation>
    </message>
    <message>
        <source>Count and close</source>
        <translation>Zählen und abschließen</translation>
    </message>
    <message>
        <source>Count the drawer: how many of each note and coin.</source>
        <translation>Die Schublade zählen: wie viele von jedem Schein und jeder Münze.</translation>
    </message>
    <message>
        <source>Close shift with %1 %2</source>
        <translation>Schicht mit %1 %2 abschließen</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Drucken</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>Bons</translation>
    </message>
    <message>
        <source>Receipt number (empty: %1)</source>
        <translation>Bonnummer (leer: %1)</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>Bonnummer</translation>
    </message>
    <message>
        <source>Printer (empty: this till&apos;s), e.g. tcp://192.168.1.51</source>
        <translation>Drucker (leer: der dieser Kasse), z. B. tcp://192.168.1.51</translation>
    </message>
    <message>
        <source>Print a copy</source>
        <translation>Kopie drucken</translation>
    </message>
</context>
<context>
    <name>ShiftReport</name>
    <message>
        <source>Cash</source>
        <translation>Bar</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>Gift card</source>
        <translation>Geschenkkarte</translation>
    </message>
    <message>
        <source>Store credit</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <source>Z REPORT %1</source>
        <translation>Z-BERICHT %1</translation>
    </message>
    <message>
        <source>X REPORT (shift still open)</source>
        <translation>X-BERICHT (Schicht noch offen)</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Geöffnet</translation>
    </message>
    <message>
        <source>by</source>
        <translation>von</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Verkäufe</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>Summe %1</translation>
    </message>
    <message>
        <source>of which discounts</source>
        <translation>davon Rabatte</translation>
    </message>
    <message>
        <source>Cash rounding</source>
        <translation>Rundung</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Zahlungen</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>MwSt</translation>
    </message>
    <message>
        <source>net</source>
        <translation>netto</translation>
    </message>
    <message>
        <source>tax</source>
        <translation>MwSt</translation>
    </message>
    <message>
        <source>Cash drawer</source>
        <translation>Kassenschublade</translation>
    </message>
    <message>
        <source>Float</source>
        <translation>Wechselgeld</translation>
    </message>
    <message>
        <source>Cash sales</source>
        <translation>Barverkäufe</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>Einlage</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>Entnahme</translation>
    </message>
    <message>
        <source>Expected in drawer</source>
        <translation>Soll in der Schublade</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Gezählt</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Differenz</translation>
    </message>
    <message>
        <source>Drawer opened without a sale</source>
        <translation>Schublade ohne Verkauf geöffnet</translation>
    </message>
    <message>
        <source>Voids</source>
        <translation>Stornos</translation>
    </message>
    <message>
        <source>Cards declined</source>
        <translation>Karten abgelehnt</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Zählung</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Online payment</source>
        <translation>Online-Zahlung</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Retouren</translation>
    </message>
    <message>
        <source>Cash refunds</source>
        <translation>Bar-Erstattungen</translation>
    </message>
    <message>
        <source>Exchange credit</source>
        <translation>Umtauschgutschrift</translation>
    </message>
</context>
<context>
    <name>Stock</name>
    <message>
        <source>None in stock</source>
        <translation>Nicht auf Lager</translation>
    </message>
    <message numerus="yes">
        <source>%n in stock</source>
        <translation>
            <numerusform>%n auf Lager</numerusform>
            <numerusform>%n auf Lager</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2 in stock</source>
        <extracomment>%1 is an amount, %2 its unit: &quot;3.5 kg in stock&quot;</extracomment>
        <translation>%1 %2 auf Lager</translation>
    </message>
</context>
<context>
    <name>TerminalSettings</name>
    <message>
        <source>Not known yet</source>
        <translation>Noch nicht bekannt</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Kasse</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>Terminal code</source>
        <translation>Kassennummer</translation>
    </message>
    <message>
        <source>Hub</source>
        <translation>Hub</translation>
    </message>
    <message>
        <source>None: this till keeps its sales</source>
        <translation>Keiner: diese Kasse behält ihre Verkäufe</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
</context>
<context>
    <name>TotalsCard</name>
    <message>
        <source>Subtotal</source>
        <translation>Zwischensumme</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>Rabatte</translation>
    </message>
    <message>
        <source>Included tax</source>
        <translation>Enthaltene MwSt.</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>Summe %1</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>piece</source>
        <translation>Stück</translation>
    </message>
    <message>
        <source>kg</source>
        <translation>kg</translation>
    </message>
    <message>
        <source>g</source>
        <translation>g</translation>
    </message>
    <message>
        <source>l</source>
        <translation>l</translation>
    </message>
    <message>
        <source>m</source>
        <translation>m</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>omnitill::CatalogBrowseModel</name>
    <message>
        <source>The category %1 is no longer in the catalog</source>
        <translation>Die Kategorie %1 ist nicht mehr im Sortiment</translation>
    </message>
</context>
<context>
    <name>omnitill::CustomerController</name>
    <message>
        <source>In store</source>
        <translation>Im Geschäft</translation>
    </message>
    <message>
        <source>Web shop</source>
        <translation>Onlineshop</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Marktplatz</translation>
    </message>
    <message>
        <source>Social shop</source>
        <translation>Social Shop</translation>
    </message>
    <message>
        <source>No customer matches &quot;%1&quot;. Check the spelling, or create the customer.</source>
        <translation>Kein Kunde passt zu „%1“. Prüfen Sie die Schreibweise oder legen Sie den Kunden an.</translation>
    </message>
    <message>
        <source>This customer is not on this till (erased or merged)</source>
        <translation>Dieser Kunde ist nicht auf dieser Kasse (gelöscht oder zusammengeführt)</translation>
    </message>
    <message>
        <source>%1: never asked</source>
        <translation>%1: nie gefragt</translation>
    </message>
    <message>
        <source>%1: yes, given %2 at %3</source>
        <translation>%1: ja, erteilt %2 in %3</translation>
    </message>
    <message>
        <source>%1: no, said %2 at %3</source>
        <translation>%1: nein, gesagt %2 in %3</translation>
    </message>
    <message>
        <source>an unknown place</source>
        <translation>unbekanntem Ort</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Text messages</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Live from the hub</source>
        <translation>Live vom Hub</translation>
    </message>
    <message>
        <source>As of %1: this till&apos;s copy, the hub did not answer</source>
        <translation>Stand %1: Kopie dieser Kasse, der Hub hat nicht geantwortet</translation>
    </message>
    <message>
        <source>Not yet known to the hub</source>
        <translation>Dem Hub noch nicht bekannt</translation>
    </message>
    <message numerus="yes">
        <source>Open online cart: %n item(s), %1, changed %2</source>
        <translation>
            <numerusform>Offener Online-Warenkorb: %n Artikel, %1, geändert %2</numerusform>
            <numerusform>Offener Online-Warenkorb: %n Artikel, %1, geändert %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Changed on this till; the hub has not confirmed it yet.</source>
        <translation>Auf dieser Kasse geändert; der Hub hat es noch nicht bestätigt.</translation>
    </message>
    <message>
        <source>This customer was merged with another record of the same person.</source>
        <translation>Dieser Kunde wurde mit einem anderen Eintrag derselben Person zusammengeführt.</translation>
    </message>
    <message>
        <source>Sign in first</source>
        <translation>Bitte zuerst anmelden</translation>
    </message>
</context>
<context>
    <name>omnitill::HandoffController</name>
    <message>
        <source>Order %1 to collect</source>
        <translation>Abholbestellung %1</translation>
    </message>
    <message>
        <source>Online cart from the app</source>
        <translation>Online-Warenkorb aus der App</translation>
    </message>
    <message>
        <source>Basket continued on the phone</source>
        <translation>Auf dem Handy weitergeführter Warenkorb</translation>
    </message>
    <message>
        <source>Online cart from the web</source>
        <translation>Online-Warenkorb aus dem Webshop</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n Artikel</numerusform>
            <numerusform>%n Artikel</numerusform>
        </translation>
    </message>
    <message>
        <source>paid online %1</source>
        <translation>online bezahlt %1</translation>
    </message>
    <message>
        <source>online %1</source>
        <translation>online %1</translation>
    </message>
    <message>
        <source>This is a receipt&apos;s code: open Returns to take goods back.</source>
        <translation>Das ist der Code eines Bons: Für Rücknahmen „Retouren“ öffnen.</translation>
    </message>
    <message>
        <source>The code is damaged or cut short: ask the customer to show it again.</source>
        <translation>Der Code ist beschädigt oder unvollständig: den Kunden bitten, ihn erneut zu zeigen.</translation>
    </message>
    <message>
        <source>A payment is under way: finish this sale before scanning a cart.</source>
        <translation>Eine Zahlung läuft: erst diesen Verkauf abschließen, dann einen Warenkorb scannen.</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>receipt %1</source>
        <translation>Bon %1</translation>
    </message>
    <message>
        <source>This code is not known: ask the customer to reload the page on the phone and show the new code.</source>
        <translation>Dieser Code ist unbekannt: den Kunden bitten, die Seite auf dem Handy neu zu laden und den neuen Code zu zeigen.</translation>
    </message>
    <message>
        <source>This code has expired: ask the customer to reload the page on the phone for a new one.</source>
        <translation>Dieser Code ist abgelaufen: den Kunden bitten, die Seite auf dem Handy für einen neuen neu zu laden.</translation>
    </message>
    <message>
        <source>This code was used at another till already: a reload of the page on the phone gives a new one.</source>
        <translation>Dieser Code wurde schon an einer anderen Kasse verwendet: Neu laden der Seite auf dem Handy gibt einen neuen.</translation>
    </message>
    <message>
        <source>This code is for another store (%1).</source>
        <translation>Dieser Code gilt für eine andere Filiale (%1).</translation>
    </message>
    <message>
        <source>This order was collected already (%1): hand nothing over.</source>
        <translation>Diese Bestellung wurde schon abgeholt (%1): nichts aushändigen.</translation>
    </message>
    <message>
        <source>This cart was paid already (%1): take no payment for it.</source>
        <translation>Dieser Warenkorb ist schon bezahlt (%1): nicht kassieren.</translation>
    </message>
    <message>
        <source>This cart was paid already: take no payment for it.</source>
        <translation>Dieser Warenkorb ist schon bezahlt: nicht kassieren.</translation>
    </message>
    <message>
        <source>The hub cannot be reached and this cart is not on this till: scan the items one by one, or scan the code again when the till is back online.</source>
        <translation>Der Hub ist nicht erreichbar und dieser Warenkorb ist nicht an dieser Kasse: die Artikel einzeln scannen oder den Code erneut scannen, wenn die Kasse wieder online ist.</translation>
    </message>
    <message>
        <source>The hub did not answer (%1), and this cart is not on this till: scan the items one by one.</source>
        <translation>Der Hub hat nicht geantwortet (%1) und dieser Warenkorb ist nicht an dieser Kasse: die Artikel einzeln scannen.</translation>
    </message>
    <message>
        <source>This cart is in %1; this store sells in %2.</source>
        <translation>Dieser Warenkorb ist in %1; diese Filiale verkauft in %2.</translation>
    </message>
    <message>
        <source>This till rang up this cart already (receipt %1): take no payment for it.</source>
        <translation>Diese Kasse hat den Warenkorb schon verkauft (Bon %1): nicht kassieren.</translation>
    </message>
    <message>
        <source>%1 of order %2 is not in this store&apos;s catalog: the order cannot be handed over here.</source>
        <translation>%1 aus Bestellung %2 ist nicht im Sortiment dieser Filiale: Die Bestellung kann hier nicht ausgehändigt werden.</translation>
    </message>
    <message>
        <source>none in stock here</source>
        <translation>hier nicht vorrätig</translation>
    </message>
    <message>
        <source>%1: none in stock here (the shelf count may be out of date).</source>
        <translation>%1: hier nicht vorrätig (der Bestand kann veraltet sein).</translation>
    </message>
    <message>
        <source>only %1 in stock here</source>
        <translation>hier nur %1 vorrätig</translation>
    </message>
    <message>
        <source>%1 in stock here</source>
        <translation>hier %1 vorrätig</translation>
    </message>
    <message>
        <source>None of the cart&apos;s items is sold in this store: %1.</source>
        <translation>Keiner der Artikel des Warenkorbs wird in dieser Filiale verkauft: %1.</translation>
    </message>
    <message>
        <source>Not sold in this store, left off: %1.</source>
        <translation>In dieser Filiale nicht im Sortiment, weggelassen: %1.</translation>
    </message>
    <message>
        <source>%1 is still to pay: take it as for any sale, then hand the order over.</source>
        <translation>%1 sind noch zu zahlen: wie bei jedem Verkauf kassieren, dann die Bestellung aushändigen.</translation>
    </message>
    <message>
        <source>Paid in full online: check the customer&apos;s name, then hand the order over.</source>
        <translation>Online voll bezahlt: den Namen des Kunden prüfen, dann die Bestellung aushändigen.</translation>
    </message>
    <message>
        <source>The cart&apos;s customer is not on this till: look them up on the Customers page for points.</source>
        <translation>Der Kunde des Warenkorbs ist nicht an dieser Kasse: für Punkte auf der Seite „Kunden“ suchen.</translation>
    </message>
    <message>
        <source>Rung up from this till&apos;s copy: the hub settles the cart when the till is back online.</source>
        <translation>Aus der Kopie dieser Kasse gebucht: Der Hub gleicht den Warenkorb ab, wenn die Kasse wieder online ist.</translation>
    </message>
    <message>
        <source>There is no order to collect on the sale.</source>
        <translation>Im Verkauf ist keine Abholbestellung.</translation>
    </message>
    <message>
        <source>%1 is still to pay: take it with Pay first.</source>
        <translation>%1 sind noch zu zahlen: zuerst mit „Zahlen“ kassieren.</translation>
    </message>
    <message>
        <source>The cart has not changed online.</source>
        <translation>Der Warenkorb wurde online nicht geändert.</translation>
    </message>
    <message>
        <source>This cart was paid elsewhere while it was rung up here: take no payment, and void this sale.</source>
        <translation>Dieser Warenkorb wurde anderswo bezahlt, während er hier gebucht wurde: nicht kassieren und diesen Verkauf stornieren.</translation>
    </message>
    <message>
        <source>The customer changed the cart online: load the new version before taking payment.</source>
        <translation>Der Kunde hat den Warenkorb online geändert: vor dem Kassieren die neue Fassung laden.</translation>
    </message>
    <message>
        <source>This cart was paid at another till (receipt %1) while it was rung up here: take no payment, and void this sale.</source>
        <translation>Dieser Warenkorb wurde an einer anderen Kasse bezahlt (Bon %1), während er hier gebucht wurde: nicht kassieren und diesen Verkauf stornieren.</translation>
    </message>
    <message>
        <source>This cart was paid online while it was rung up here: take no payment, and void this sale. The hub has flagged it for the manager.</source>
        <translation>Dieser Warenkorb wurde online bezahlt, während er hier gebucht wurde: nicht kassieren und diesen Verkauf stornieren. Der Hub hat ihn für die Filialleitung markiert.</translation>
    </message>
    <message>
        <source>Another till is taking payment for this cart just now.</source>
        <translation>Eine andere Kasse kassiert gerade diesen Warenkorb.</translation>
    </message>
    <message>
        <source>The hub cannot be asked now: the cart is settled when the till is back online.</source>
        <translation>Der Hub ist gerade nicht erreichbar: Der Warenkorb wird abgeglichen, wenn die Kasse wieder online ist.</translation>
    </message>
    <message>
        <source>The sale is empty: scan the items the customer wants to take on the phone.</source>
        <translation>Der Verkauf ist leer: die Artikel scannen, die der Kunde aufs Handy nehmen möchte.</translation>
    </message>
    <message>
        <source>A payment is under way: finish this sale first.</source>
        <translation>Eine Zahlung läuft: erst diesen Verkauf abschließen.</translation>
    </message>
    <message>
        <source>This till has no hub: a basket can go to a phone only through the hub.</source>
        <translation>Diese Kasse hat keinen Hub: Ein Warenkorb kann nur über den Hub aufs Handy.</translation>
    </message>
    <message>
        <source>Gift cards are sold at the till: there is nothing else to take on the phone.</source>
        <translation>Gutscheine werden an der Kasse verkauft: Sonst gibt es nichts fürs Handy.</translation>
    </message>
    <message>
        <source>This QR code is from another shop, not a code of this store.</source>
        <translation>Dieser QR-Code stammt von einem anderen Geschäft, nicht von diesem.</translation>
    </message>
    <message>
        <source>Basket from the kiosk</source>
        <translation>Warenkorb vom Kiosk</translation>
    </message>
</context>
<context>
    <name>omnitill::KioskExit</name>
    <message>
        <source>Staff cannot be read: %1</source>
        <translation>Das Personal kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Nobody here may leave the kiosk: the hub sends the store&apos;s managers.</source>
        <translation>Niemand hier darf den Kiosk beenden: Der Hub sendet die Marktleitungen der Filiale.</translation>
    </message>
    <message>
        <source>%1 may not leave the kiosk: that needs a manager.</source>
        <translation>%1 darf den Kiosk nicht beenden: Das braucht eine Marktleitung.</translation>
    </message>
</context>
<context>
    <name>omnitill::KioskSession</name>
    <message>
        <source>This code is too long to be a product or a card. Try another one.</source>
        <translation>Dieser Code ist zu lang für ein Produkt oder eine Karte. Bitte einen anderen versuchen.</translation>
    </message>
    <message>
        <source>This code cannot be read as a product or a card. Try another one.</source>
        <translation>Dieser Code lässt sich nicht als Produkt oder Karte lesen. Bitte einen anderen versuchen.</translation>
    </message>
    <message>
        <source>This code brings a basket to a till: show it to the cashier.</source>
        <translation>Dieser Code bringt einen Warenkorb an die Kasse: bitte dort vorzeigen.</translation>
    </message>
    <message>
        <source>This is a receipt: returns and exchanges are at the till.</source>
        <translation>Das ist ein Bon: Rückgaben und Umtausch gibt es an der Kasse.</translation>
    </message>
    <message>
        <source>This card is not known here. A member of staff can help.</source>
        <translation>Diese Karte ist hier nicht bekannt. Unser Personal hilft gern.</translation>
    </message>
    <message>
        <source>Cards cannot be read just now. A member of staff can help.</source>
        <translation>Karten können gerade nicht gelesen werden. Unser Personal hilft gern.</translation>
    </message>
    <message>
        <source>This code is not a product of this store. Try another one, or ask a member of staff.</source>
        <translation>Dieser Code ist kein Produkt dieser Filiale. Bitte einen anderen versuchen oder das Personal fragen.</translation>
    </message>
    <message>
        <source>This product cannot be sold just now. A member of staff can help.</source>
        <translation>Dieses Produkt kann gerade nicht verkauft werden. Unser Personal hilft gern.</translation>
    </message>
    <message>
        <source>Products cannot be looked up just now. A member of staff can help.</source>
        <translation>Produkte können gerade nicht nachgeschlagen werden. Unser Personal hilft gern.</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>Nicht vorrätig</translation>
    </message>
    <message>
        <source>%1 %2 in stock</source>
        <translation>%1 %2 vorrätig</translation>
    </message>
    <message>
        <source>%1 in stock</source>
        <translation>%1 vorrätig</translation>
    </message>
    <message>
        <source>as of %1</source>
        <translation>Stand %1</translation>
    </message>
    <message>
        <source>Scan a product first.</source>
        <translation>Bitte zuerst ein Produkt scannen.</translation>
    </message>
    <message>
        <source>The basket is empty: scan a product and add it first.</source>
        <translation>Der Warenkorb ist leer: erst ein Produkt scannen und hinzufügen.</translation>
    </message>
    <message>
        <source>The basket can go to a till or a phone only while the kiosk is online.</source>
        <translation>Der Warenkorb kann nur an eine Kasse oder aufs Handy, solange der Kiosk online ist.</translation>
    </message>
    <message>
        <source>The basket cannot go on just now. Show the products to the cashier, or try again.</source>
        <translation>Der Warenkorb kann gerade nicht weitergegeben werden. Bitte die Produkte an der Kasse zeigen oder es erneut versuchen.</translation>
    </message>
    <message>
        <source>%1 per %2</source>
        <translation>%1 pro %2</translation>
    </message>
</context>
<context>
    <name>omnitill::ReceiptController</name>
    <message>
        <source>The receipt %1 cannot be printed: %2</source>
        <translation>Der Bon %1 kann nicht gedruckt werden: %2</translation>
    </message>
    <message>
        <source>There is no receipt to print again yet.</source>
        <translation>Es gibt noch keinen Bon, der erneut gedruckt werden könnte.</translation>
    </message>
    <message>
        <source>This till has no printer: a manager sets one up in Settings.</source>
        <translation>Diese Kasse hat keinen Drucker: eine Filialleitung richtet ihn unter Einstellungen ein.</translation>
    </message>
    <message>
        <source>No sale has been recorded on this till yet.</source>
        <translation>Auf dieser Kasse wurde noch kein Verkauf erfasst.</translation>
    </message>
    <message>
        <source>There is no sale with the receipt number %1 on this till.</source>
        <translation>Auf dieser Kasse gibt es keinen Verkauf mit der Bonnummer %1.</translation>
    </message>
    <message>
        <source>%1 cannot be printed: %2</source>
        <translation>%1 kann nicht gedruckt werden: %2</translation>
    </message>
    <message>
        <source>This till has no printer, so no drawer to open: a manager sets one up in Settings.</source>
        <translation>Diese Kasse hat keinen Drucker und damit keine Schublade zum Öffnen: eine Filialleitung richtet ihn unter Einstellungen ein.</translation>
    </message>
    <message>
        <source>The drawer cannot be opened: %1</source>
        <translation>Die Schublade lässt sich nicht öffnen: %1</translation>
    </message>
    <message>
        <source>Gift card</source>
        <translation>Gutschein</translation>
    </message>
    <message>
        <source>Value: %1</source>
        <translation>Wert: %1</translation>
    </message>
    <message>
        <source>Keep this number safe: whoever has it can spend the card. Valid for three years from today.</source>
        <translation>Bewahren Sie diese Nummer sicher auf: Wer sie hat, kann den Gutschein einlösen. Drei Jahre ab heute gültig.</translation>
    </message>
</context>
<context>
    <name>omnitill::ReportsController</name>
    <message>
        <source>This till has no hub: it shows only its own day.</source>
        <translation>Diese Kasse hat keinen Hub: Sie zeigt nur ihren eigenen Tag.</translation>
    </message>
    <message>
        <source>Asking the hub…</source>
        <translation>Frage den Hub …</translation>
    </message>
    <message>
        <source>%1 This till&apos;s own day is shown above.</source>
        <translation>%1 Der eigene Tag dieser Kasse steht oben.</translation>
    </message>
</context>
<context>
    <name>omnitill::ReturnController</name>
    <message>
        <source>Cash</source>
        <translation>Bar</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>Gift card</source>
        <translation>Gutschein</translation>
    </message>
    <message>
        <source>Store credit</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Online payment</source>
        <translation>Online-Zahlung</translation>
    </message>
    <message>
        <source>As the hub knows it, with every return so far</source>
        <translation>Wie der Hub ihn kennt, mit allen bisherigen Retouren</translation>
    </message>
    <message>
        <source>Sold at this till. The hub cannot be reached: returns at other stores may be missing</source>
        <translation>An dieser Kasse verkauft. Der Hub ist nicht erreichbar: Retouren in anderen Filialen können fehlen</translation>
    </message>
    <message>
        <source>Offline: only the total is known here. Scan the items; a manager approves up to %1</source>
        <translation>Offline: hier ist nur die Summe bekannt. Artikel scannen; eine Filialleitung gibt bis %1 frei</translation>
    </message>
    <message>
        <source>Store %1</source>
        <translation>Filiale %1</translation>
    </message>
    <message>
        <source>Web shop</source>
        <translation>Onlineshop</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>A return is open: finish or clear it before scanning another receipt</source>
        <translation>Eine Retoure ist offen: erst abschließen oder abbrechen, dann einen anderen Bon scannen</translation>
    </message>
    <message>
        <source>Scan the receipt&apos;s QR code or type its number</source>
        <translation>QR-Code des Bons scannen oder Bonnummer eingeben</translation>
    </message>
    <message>
        <source>This code is not a receipt of ours (another shop&apos;s QR code?)</source>
        <translation>Dieser Code ist kein Bon von uns (QR-Code eines anderen Geschäfts?)</translation>
    </message>
    <message>
        <source>The hub&apos;s answer about this receipt could not be read: %1</source>
        <translation>Die Antwort des Hubs zu diesem Bon ist nicht lesbar: %1</translation>
    </message>
    <message>
        <source>No sale or online order of ours has the number %1</source>
        <translation>Kein Verkauf und keine Online-Bestellung von uns hat die Nummer %1</translation>
    </message>
    <message>
        <source>This QR code is not a receipt of ours (another shop&apos;s, or a copy)</source>
        <translation>Dieser QR-Code ist kein Bon von uns (eines anderen Geschäfts oder eine Kopie)</translation>
    </message>
    <message>
        <source>The hub cannot be reached and this receipt is not known here: take it back without a receipt, or try again when the till is online</source>
        <translation>Der Hub ist nicht erreichbar und dieser Bon ist hier unbekannt: ohne Bon zurücknehmen oder erneut versuchen, wenn die Kasse online ist</translation>
    </message>
    <message>
        <source>%1 is not on this receipt, or all of it is already coming back</source>
        <translation>%1 steht nicht auf diesem Bon, oder alles davon kommt bereits zurück</translation>
    </message>
    <message>
        <source>%1: %2 bought, %3 already returned; at most %4 can come back</source>
        <translation>%1: %2 gekauft, %3 bereits zurück; höchstens %4 kann zurück</translation>
    </message>
    <message>
        <source>Sign in first</source>
        <translation>Bitte zuerst anmelden</translation>
    </message>
    <message>
        <source>Choose how many of each item come back</source>
        <translation>Wählen Sie, wie viele von jedem Artikel zurückkommen</translation>
    </message>
    <message>
        <source>The refund goes onto the gift card that paid: %1</source>
        <translation>Die Erstattung geht auf den Gutschein, mit dem bezahlt wurde: %1</translation>
    </message>
    <message>
        <source>give %1 in cash</source>
        <translation>%1 bar auszahlen</translation>
    </message>
    <message>
        <source>%1 refunded on the card terminal</source>
        <translation>%1 am Kartenterminal erstattet</translation>
    </message>
    <message>
        <source>%1 on the new store credit %2</source>
        <translation>%1 auf das neue Guthaben %2</translation>
    </message>
    <message>
        <source>%1 points back to the customer</source>
        <translation>%1 Punkte zurück an den Kunden</translation>
    </message>
    <message>
        <source>%1 back to the online payment</source>
        <translation>%1 zurück auf die Online-Zahlung</translation>
    </message>
    <message>
        <source>%1 onto the card ending %2</source>
        <translation>%1 auf die Karte mit Endung %2</translation>
    </message>
    <message>
        <source>Return %1 recorded: %2</source>
        <translation>Retoure %1 erfasst: %2</translation>
    </message>
    <message>
        <source>This till takes no exchanges</source>
        <translation>Diese Kasse nimmt keinen Umtausch an</translation>
    </message>
    <message>
        <source>The sale already has an exchange: finish it first</source>
        <translation>Der Verkauf hat schon einen Umtausch: erst abschließen</translation>
    </message>
    <message>
        <source>Say why the items come back</source>
        <translation>Sagen Sie, warum die Artikel zurückkommen</translation>
    </message>
    <message>
        <source>Exchange: %1 toward the sale on the Sell page. Nothing is recorded until that sale is paid.</source>
        <translation>Umtausch: %1 für den Verkauf auf der Verkaufsseite. Erfasst wird erst, wenn dieser Verkauf bezahlt ist.</translation>
    </message>
</context>
<context>
    <name>omnitill::SaleController</name>
    <message>
        <source>%1 is sold by weight or measure: its quantity comes from the scale or the label</source>
        <translation>%1 wird nach Gewicht oder Maß verkauft: die Menge kommt von der Waage oder vom Etikett</translation>
    </message>
    <message>
        <source>Nobody is signed in at this till: sign in first.</source>
        <translation>An dieser Kasse ist niemand angemeldet: bitte zuerst anmelden.</translation>
    </message>
    <message>
        <source>Give a reason (at most 200 characters).</source>
        <translation>Bitte einen Grund angeben (höchstens 200 Zeichen).</translation>
    </message>
    <message>
        <source>Parking sales is not set up on this till.</source>
        <translation>Verkäufe parken ist an dieser Kasse nicht eingerichtet.</translation>
    </message>
    <message>
        <source>There is nothing to park: the sale is empty.</source>
        <translation>Nichts zu parken: der Verkauf ist leer.</translation>
    </message>
    <message>
        <source>Finish or park the current sale first, then take up the parked one.</source>
        <translation>Den laufenden Verkauf erst abschließen oder parken, dann den geparkten aufnehmen.</translation>
    </message>
    <message>
        <source>OmniTill stopped unexpectedly. The last sale it completed was %1 for %2 at %3 on %4: check with the customer before ringing it up again.</source>
        <translation>OmniTill wurde unerwartet beendet. Der letzte abgeschlossene Verkauf war %1 über %2 um %3 am %4: bitte mit der Kundschaft klären, bevor Sie ihn erneut erfassen.</translation>
    </message>
    <message>
        <source>OmniTill stopped unexpectedly. No sale had been completed yet.</source>
        <translation>OmniTill wurde unerwartet beendet. Es war noch kein Verkauf abgeschlossen.</translation>
    </message>
    <message>
        <source>void the sale</source>
        <translation>den Verkauf stornieren</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Bar</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>Gift card</source>
        <translation>Geschenkkarte</translation>
    </message>
    <message>
        <source>Store credit</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <source>The sale is empty: scan an item first.</source>
        <translation>Der Verkauf ist leer: Zuerst einen Artikel scannen.</translation>
    </message>
    <message>
        <source>A card payment must be for more than nothing.</source>
        <translation>Eine Kartenzahlung muss über mehr als nichts gehen.</translation>
    </message>
    <message>
        <source>A card can pay at most the %1 %2 still to pay.</source>
        <translation>Eine Karte kann höchstens die noch offenen %1 %2 zahlen.</translation>
    </message>
    <message>
        <source>Say how much to charge on the card first.</source>
        <translation>Zuerst angeben, wie viel auf die Karte geht.</translation>
    </message>
    <message>
        <source>There is no card payment waiting for the terminal.</source>
        <translation>Es wartet keine Kartenzahlung auf das Terminal.</translation>
    </message>
    <message>
        <source>That payment is no longer part of the sale.</source>
        <translation>Diese Zahlung gehört nicht mehr zum Verkauf.</translation>
    </message>
    <message>
        <source>Give the customer back %1 %2 in cash.</source>
        <translation>Dem Kunden %1 %2 bar zurückgeben.</translation>
    </message>
    <message>
        <source>Refund %1 %2 on the card terminal (approval %3).</source>
        <translation>%1 %2 am Kartenterminal erstatten (Genehmigung %3).</translation>
    </message>
    <message>
        <source>%1 %2 is already paid: take those payments back first, then %3.</source>
        <translation>%1 %2 sind schon bezahlt: Erst diese Zahlungen zurücknehmen, dann %3.</translation>
    </message>
    <message>
        <source>refund %1 %2 on the card terminal (approval %3)</source>
        <translation>%1 %2 am Kartenterminal erstatten (Genehmigung %3)</translation>
    </message>
    <message>
        <source>give back %1 %2 in cash</source>
        <translation>%1 %2 bar zurückgeben</translation>
    </message>
    <message>
        <source>A sale was being paid when OmniTill stopped and was not completed: %1.</source>
        <translation>Ein Verkauf wurde gerade bezahlt, als OmniTill anhielt, und wurde nicht abgeschlossen: %1.</translation>
    </message>
    <message>
        <source>park the sale</source>
        <translation>den Verkauf parken</translation>
    </message>
    <message>
        <source>No shift is open: open one on the Shift page, with the cash counted into the drawer, to take payments.</source>
        <translation>Keine Schicht offen: Zum Kassieren auf der Seite Schicht eine öffnen, mit dem gezählten Bargeld in der Schublade.</translation>
    </message>
    <message>
        <source>Gift cards are not set up on this till.</source>
        <translation>Gutscheine sind an dieser Kasse nicht eingerichtet.</translation>
    </message>
    <message>
        <source>Nothing is left to pay.</source>
        <translation>Es ist nichts mehr zu bezahlen.</translation>
    </message>
    <message>
        <source>Payment has started: take the payments back before adding a gift card.</source>
        <translation>Die Zahlung hat begonnen: Nehmen Sie die Zahlungen zurück, bevor Sie einen Gutschein hinzufügen.</translation>
    </message>
    <message>
        <source>A gift card is loaded with more than nothing and at most %1.</source>
        <translation>Ein Gutschein wird mit mehr als nichts und höchstens %1 aufgeladen.</translation>
    </message>
    <message>
        <source>The hub cannot be reached to confirm card …%1 is new: sell a card with a new number, or try again when the hub is back.</source>
        <translation>Der Hub ist nicht erreichbar, um zu bestätigen, dass Karte …%1 neu ist: Verkaufen Sie eine Karte mit neuer Nummer oder versuchen Sie es wieder, wenn der Hub zurück ist.</translation>
    </message>
    <message>
        <source>Card …%1 is blocked or expired: it cannot be topped up.</source>
        <translation>Karte …%1 ist gesperrt oder abgelaufen: Sie kann nicht aufgeladen werden.</translation>
    </message>
    <message>
        <source>Card …%1 holds %2, and this sale is in %3.</source>
        <translation>Karte …%1 lautet auf %2, dieser Verkauf auf %3.</translation>
    </message>
    <message>
        <source>Gift card …%1</source>
        <translation>Gutschein …%1</translation>
    </message>
    <message>
        <source>Gift card …%1 holds %2.</source>
        <translation>Gutschein …%1 hat %2 Guthaben.</translation>
    </message>
    <message>
        <source>Its number is printed for the customer.</source>
        <translation>Die Nummer wird für den Kunden gedruckt.</translation>
    </message>
    <message>
        <source>Card %1 paid %2; %3 is left on it.</source>
        <translation>Karte %1 hat %2 bezahlt; %3 bleiben darauf.</translation>
    </message>
    <message>
        <source>Gift card top-up …%1</source>
        <translation>Gutschein-Aufladung …%1</translation>
    </message>
    <message>
        <source>This till keeps no customers</source>
        <translation>Diese Kasse führt keine Kunden</translation>
    </message>
    <message>
        <source>This customer is not on this till (erased or merged)</source>
        <translation>Dieser Kunde ist nicht auf dieser Kasse (gelöscht oder zusammengeführt)</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 Punkte</translation>
    </message>
    <message>
        <source>Put a customer on the sale first; points need a customer and the chain&apos;s loyalty rules.</source>
        <translation>Zuerst einen Kunden zum Verkauf hinzufügen; Punkte brauchen einen Kunden und die Bonusregeln der Kette.</translation>
    </message>
    <message>
        <source>Type the points as a whole number, such as 500.</source>
        <translation>Punkte als ganze Zahl eingeben, z. B. 500.</translation>
    </message>
    <message>
        <source>The customer has no points to redeem.</source>
        <translation>Der Kunde hat keine Punkte zum Einlösen.</translation>
    </message>
    <message>
        <source>%1 points paid %2; %3 points are left.</source>
        <translation>%1 Punkte haben %2 bezahlt; %3 Punkte bleiben.</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>The chain has no such reward.</source>
        <translation>Diese Prämie gibt es in der Kette nicht.</translation>
    </message>
    <message>
        <source>Exchange: %1 for the goods brought back pays toward this sale. Scan what the customer takes instead.</source>
        <translation>Umtausch: %1 für die zurückgebrachte Ware wird auf diesen Verkauf angerechnet. Scannen Sie, was der Kunde stattdessen nimmt.</translation>
    </message>
    <message>
        <source>Exchange credit</source>
        <translation>Umtauschgutschrift</translation>
    </message>
    <message>
        <source>no receipt</source>
        <translation>ohne Bon</translation>
    </message>
    <message>
        <source>An exchange cannot be parked: finish it, or void the sale to give the goods back unchanged.</source>
        <translation>Ein Umtausch kann nicht geparkt werden: abschließen, oder den Verkauf stornieren, dann bleibt die Ware beim Kunden.</translation>
    </message>
    <message>
        <source>Paid online</source>
        <translation>Online bezahlt</translation>
    </message>
    <message>
        <source>A part payment was taken: the cart&apos;s lines cannot change now.</source>
        <translation>Eine Teilzahlung wurde angenommen: Die Positionen des Warenkorbs können sich jetzt nicht mehr ändern.</translation>
    </message>
    <message>
        <source>This sale has online cart %1 on it already: finish that sale first.</source>
        <translation>In diesem Verkauf ist schon der Online-Warenkorb %1: erst diesen Verkauf abschließen.</translation>
    </message>
    <message>
        <source>What the customer paid online stays with the order: void the sale to hand nothing over.</source>
        <translation>Was der Kunde online bezahlt hat, bleibt bei der Bestellung: den Verkauf stornieren, um nichts auszuhändigen.</translation>
    </message>
    <message>
        <source>A sale with an online cart cannot be parked: finish it, or void it and scan the cart again later.</source>
        <translation>Ein Verkauf mit Online-Warenkorb kann nicht geparkt werden: abschließen oder stornieren und den Warenkorb später erneut scannen.</translation>
    </message>
</context>
<context>
    <name>omnitill::ShiftController</name>
    <message>
        <source>Nobody is signed in at this till: sign in first.</source>
        <translation>An dieser Kasse ist niemand angemeldet: bitte zuerst anmelden.</translation>
    </message>
    <message>
        <source>No shift is open. Count the cash in the drawer and open one to start selling.</source>
        <translation>Keine Schicht offen. Das Bargeld in der Schublade zählen und eine Schicht öffnen, um zu verkaufen.</translation>
    </message>
    <message>
        <source>Open since %1 by %2, with a float of %3 %4.</source>
        <translation>Offen seit %1, von %2, mit %3 %4 Wechselgeld.</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>Einlage</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>Entnahme</translation>
    </message>
    <message>
        <source>No sale</source>
        <translation>Schublade öffnen</translation>
    </message>
    <message>
        <source>Z report %1</source>
        <translation>Z-Bericht %1</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X-Bericht</translation>
    </message>
    <message>
        <source>No shift is open.</source>
        <translation>Keine Schicht offen.</translation>
    </message>
    <message>
        <source>A sale is open on this till: finish, park or void it before closing the shift.</source>
        <translation>An dieser Kasse ist ein Verkauf offen: vor dem Schichtabschluss abschließen, parken oder stornieren.</translation>
    </message>
    <message>
        <source>Each count is a whole number of notes or coins, 0 or more.</source>
        <translation>Jede Zählung ist eine ganze Zahl von Scheinen oder Münzen, 0 oder mehr.</translation>
    </message>
    <message>
        <source>There is no report to print.</source>
        <translation>Es gibt keinen Bericht zum Drucken.</translation>
    </message>
    <message>
        <source>This till has no printer: a manager sets one up in Settings.</source>
        <translation>Diese Kasse hat keinen Drucker: eine Filialleitung richtet ihn unter Einstellungen ein.</translation>
    </message>
</context>
<context>
    <name>omnitill::StaffSession</name>
    <message>
        <source>The two PINs differ; type the same PIN twice.</source>
        <translation>Die beiden PINs unterscheiden sich; bitte zweimal dieselbe PIN eingeben.</translation>
    </message>
    <message numerus="yes">
        <source>Locked after %n minute(s) without activity.</source>
        <translation>
            <numerusform>Nach %n Minute ohne Aktivität gesperrt.</numerusform>
            <numerusform>Nach %n Minuten ohne Aktivität gesperrt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>omnitill::TerminalSettings</name>
    <message>
        <source>As the system is set</source>
        <translation>Wie im System eingestellt</translation>
    </message>
    <message>
        <source>Sign in to change the settings</source>
        <translation>Melden Sie sich an, um die Einstellungen zu ändern</translation>
    </message>
    <message>
        <source>%1 may not change the settings: a manager can</source>
        <translation>%1 darf die Einstellungen nicht ändern: eine Filialleitung kann es</translation>
    </message>
</context>
<context>
    <name>omnitill::sync::SyncService</name>
    <message>
        <source>Sync not set up</source>
        <translation>Synchronisierung nicht eingerichtet</translation>
    </message>
    <message>
        <source>Sync not set up: 1 record kept on this till</source>
        <translation>Synchronisierung nicht eingerichtet: 1 Datensatz auf dieser Kasse</translation>
    </message>
    <message>
        <source>Sync not set up: %1 records kept on this till</source>
        <translation>Synchronisierung nicht eingerichtet: %1 Datensätze auf dieser Kasse</translation>
    </message>
</context>
</TS>
