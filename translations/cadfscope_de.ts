<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>cli</name>
    <message>
        <source>no file given. Try &apos;cadfscope import --help&apos;.</source>
        <translation>keine Datei angegeben. Siehe &apos;cadfscope import --help&apos;.</translation>
    </message>
</context>
</TS>
