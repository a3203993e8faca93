using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PersonalDataSealed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AgencyContactMobileIndex",
                table: "ResourceApplications",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VendorContactMobileIndex",
                table: "ResourceApplications",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactPhoneIndex",
                table: "Organisations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VendorContactMobileIndex",
                table: "InfoSystems",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneNumberIndex",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResourceApplications_AgencyContactMobileIndex",
                table: "ResourceApplications",
                column: "AgencyContactMobileIndex");

            migrationBuilder.CreateIndex(
                name: "IX_ResourceApplications_VendorContactMobileIndex",
                table: "ResourceApplications",
                column: "VendorContactMobileIndex");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_ContactPhoneIndex",
                table: "Organisations",
                column: "ContactPhoneIndex");

            migrationBuilder.CreateIndex(
                name: "IX_InfoSystems_VendorContactMobileIndex",
                table: "InfoSystems",
                column: "VendorContactMobileIndex");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_PhoneNumberIndex",
                table: "AspNetUsers",
                column: "PhoneNumberIndex");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ResourceApplications_AgencyContactMobileIndex",
                table: "ResourceApplications");

            migrationBuilder.DropIndex(
                name: "IX_ResourceApplications_VendorContactMobileIndex",
                table: "ResourceApplications");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_ContactPhoneIndex",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_InfoSystems_VendorContactMobileIndex",
                table: "InfoSystems");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_PhoneNumberIndex",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "AgencyContactMobileIndex",
                table: "ResourceApplications");

            migrationBuilder.DropColumn(
                name: "VendorContactMobileIndex",
                table: "ResourceApplications");

            migrationBuilder.DropColumn(
                name: "ContactPhoneIndex",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "VendorContactMobileIndex",
                table: "InfoSystems");

            migrationBuilder.DropColumn(
                name: "PhoneNumberIndex",
                table: "AspNetUsers");
        }
    }
}
