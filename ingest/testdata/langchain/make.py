"""Writes the LangChain graph-document fixtures with LangChain's own classes.

No LangChain graph-document JSON file was found in a public repository, so
these are built here: the extraction (nodes and relationships) is written by
hand from two of the seed articles, as LLMGraphTransformer would return it,
and serialized by langchain-core 1.8.1 / langchain-neo4j 0.11.0 in the two
ways people store them (langchain_core.load.dumpd cannot serialize a
GraphDocument: it writes "not_implemented"):

  seeds.json    a list of GraphDocument.model_dump()
  seeds.jsonl   one GraphDocument.model_dump_json() per line

Run: pip install langchain-core==1.8.1 langchain-neo4j==0.11.0 && python3 make.py
"""
import json
import os

from langchain_core.documents import Document
from langchain_neo4j.graphs.graph_document import GraphDocument, Node, Relationship

here = os.path.dirname(os.path.abspath(__file__))


def chunk(name, lines):
    with open(os.path.join(here, "..", "..", "..", "..", "..", "shared", "seeds", name), encoding="utf-8") as f:
        text = f.read()
    return "\n".join(text.splitlines()[:lines])


def doc(name, lines, title):
    return Document(page_content=chunk(name, lines), metadata={"source": "seeds/" + name, "title": title})


kim = Node(id="Kim Jong Un", type="Person")
putin = Node(id="Vladimir Putin", type="Person", properties={"role": "President of Russia"})
nk = Node(id="North Korea", type="Country")
russia = Node(id="Russia", type="Country")
kcna = Node(id="Korean Central News Agency", type="Organization")
nhk = Node(id="NHK", type="Organization")
pyongyang = Node(id="Pyongyang", type="City")
vostochny = Node(id="Vostochny Spaceport", type="Location")

d0 = GraphDocument(
    nodes=[kim, putin, nk, russia, kcna, nhk, pyongyang, vostochny],
    relationships=[
        Relationship(source=kim, target=nk, type="LEADER_OF"),
        Relationship(source=putin, target=russia, type="PRESIDENT_OF"),
        Relationship(source=putin, target=nk, type="PLANS_TO_VISIT", properties={"when": "as early as next week"}),
        Relationship(source=kim, target=putin, type="MET", properties={"place": "Vostochny Spaceport"}),
        Relationship(source=kcna, target=nk, type="PART_OF"),
        Relationship(source=pyongyang, target=nk, type="CAPITAL_OF"),
    ],
    source=doc("000_e135d90bb63d3935.txt", 8, "North Korean leader Kim is reportedly planning to receive his comrade in arms Putin in Pyongyang"),
)
d1 = GraphDocument(
    nodes=[kim, putin, nk, russia, Node(id="United States", type="Country"), Node(id="Ukraine", type="Country")],
    relationships=[
        Relationship(source=kim, target=russia, type="PRAISED"),
        Relationship(source=nk, target=russia, type="SUPPLIES", properties={"goods": "artillery, missiles and other conventional weapons"}),
        Relationship(source=russia, target=Node(id="Ukraine", type="Country"), type="AT_WAR_WITH"),
    ],
    source=doc("001_fad6cef75ab455e7.txt", 8, "Kim Jong Un praises ties with Russia amid planned visit by Putin"),
)
docs = [d0, d1]

with open(os.path.join(here, "seeds.json"), "w", encoding="utf-8") as f:
    json.dump([d.model_dump() for d in docs], f, indent=2, ensure_ascii=False)
    f.write("\n")
with open(os.path.join(here, "seeds.jsonl"), "w", encoding="utf-8") as f:
    for d in docs:
        f.write(d.model_dump_json() + "\n")
