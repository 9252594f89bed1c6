# The CNCF glossary's own mistakes that approdo reports as errors (at commit ca1dc40), fixed as its
# editors would fix them. Run in the converted site by run.sh.
set -e
# Two Hindi pages saved with spaces in their names, next to the hyphenated names of the others.
mv "content/cloud native apps.hi.md" content/cloud-native-apps.hi.md
mv "content/service discovery.hi.md" content/service-discovery.hi.md
# A Hindi page whose front-matter keys were translated along with the text (`शीर्षक:` is "title:").
sed -i 's/^शीर्षक:/title:/' content/vertical-scaling.hi.md
# Hugo's own search page, where approdo publishes its search.
rm -f content/search.*.md
